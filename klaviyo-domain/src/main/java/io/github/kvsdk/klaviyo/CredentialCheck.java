package io.github.kvsdk.klaviyo;

import io.github.kvsdk.klaviyo.errors.AuthenticationException;
import io.github.kvsdk.klaviyo.errors.KlaviyoApiException;
import io.github.kvsdk.klaviyo.errors.internal.KlaviyoErrorMapper;
import io.github.kvsdk.klaviyo.errors.KlaviyoUnexpectedResponseException;
import io.github.kvsdk.klaviyo.errors.PermissionException;
import io.github.kvsdk.klaviyo.raw.RawRequest;
import io.github.kvsdk.klaviyo.raw.RawRequests;
import io.github.kvsdk.klaviyo.raw.RawResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link KlaviyoClient#verifyCredentials()}: the account the credential belongs to and how the
 * client authenticated. Immutable.
 */
public final class CredentialCheck {
  /** The scope Get Accounts needs, which the check therefore needs too. */
  public static final String REQUIRED_SCOPE = "accounts:read";

  private final String accountId;
  private final CredentialKind credentialKind;

  private CredentialCheck(String accountId, CredentialKind credentialKind) {
    this.accountId = accountId;
    this.credentialKind = credentialKind;
  }

  /** {@return the Klaviyo account id (the public key / site id, such as {@code AbC123})} */
  public String accountId() {
    return accountId;
  }

  /** {@return how the client authenticated: a private API key or OAuth} */
  public CredentialKind credentialKind() {
    return credentialKind;
  }

  /** Sends Get Accounts through {@code raw}; 401 and 403 become errors that say which credential failed. */
  static CredentialCheck verify(RawRequests raw, CredentialKind kind) {
    RawResponse response = raw.send(RawRequest.get("/api/accounts"));
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      String detail = "";
      KlaviyoApiException mapped = error(response);
      if (!mapped.errors().isEmpty() && mapped.errors().get(0).detail() != null) {
        detail = " Klaviyo said: " + mapped.errors().get(0).detail();
      }
      if (status == 401) {
        throw new AuthenticationException("Klaviyo rejected the client's " + kind.description()
            + " (HTTP 401): it is wrong, revoked or expired" + (kind == CredentialKind.OAUTH
            ? ", and refreshing it did not help; authorize the app again" : "; create a new private key") + "."
            + detail, status, response.headers(), mapped.errors(), mapped.requestId().orElse(null));
      }
      throw new PermissionException("Klaviyo accepted the client's " + kind.description()
          + " but it lacks the scope " + REQUIRED_SCOPE + " needed to read the account (HTTP 403)." + detail,
          status, response.headers(), mapped.errors(), mapped.requestId().orElse(null));
    }
    if (status < 200 || status > 299) throw error(response);
    Object data = response.json() instanceof Map<?, ?> document ? document.get("data") : null;
    if (data instanceof List<?> accounts && !accounts.isEmpty()
        && accounts.get(0) instanceof Map<?, ?> account && account.get("id") instanceof String id) {
      return new CredentialCheck(id, kind);
    }
    throw new KlaviyoUnexpectedResponseException("GET /api/accounts returned no account", null);
  }

  private static KlaviyoApiException error(RawResponse response) {
    return KlaviyoErrorMapper.fromParts("GET", "/api/accounts", response.statusCode(), response.headers(),
        response.bodyText());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CredentialCheck that && accountId.equals(that.accountId)
        && credentialKind == that.credentialKind;
  }

  @Override
  public int hashCode() {
    return Objects.hash(accountId, credentialKind);
  }

  @Override
  public String toString() {
    return "CredentialCheck{accountId=" + accountId + ", credentialKind=" + credentialKind + "}";
  }
}
