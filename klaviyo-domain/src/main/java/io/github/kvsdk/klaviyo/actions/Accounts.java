package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.accounts.AccountsService;
import io.github.kvsdk.klaviyo.api.accounts.GetAccountParams;
import io.github.kvsdk.klaviyo.api.accounts.GetAccountsParams;
import io.github.kvsdk.klaviyo.generated.model.GetAccountResult;
import io.github.kvsdk.klaviyo.generated.model.GetAccountsResult;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.concurrent.CompletableFuture;

/**
 * Account actions, Get Account and List Accounts (the account(s) of the credential; not paginated), beside
 * every accounts operation of the API.
 */
public final class Accounts extends AccountsService {
  private final ActionContext ctx;

  Accounts(ActionContext ctx, AccountsService base) {
    super(base);
    this.ctx = ctx;
  }

  /**
   * Get Account ({@code get_account}), with {@code fields[account]} from {@code options}.
   *
   * @param id the account's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return Klaviyo's response document
   */
  public GetAccountResult get(String id, QueryOptions options) {
    return getAccount(getParams(id, options));
  }

  /**
   * Get Account ({@code get_account}).
   *
   * @param id the account's id
   * @return Klaviyo's response document
   */
  public GetAccountResult get(String id) {
    return get(id, QueryOptions.none());
  }

  /**
   * Get Account, asynchronously.
   *
   * @param id the account's id
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<GetAccountResult> getAsync(String id, QueryOptions options) {
    return getAccountAsync(getParams(id, options));
  }

  private GetAccountParams getParams(String id, QueryOptions options) {
    QueryOptions o = ctx.validate("get_account", options);
    return GetAccountParams.builder().id(id).options(o).build();
  }

  /**
   * List Accounts ({@code get_accounts}).
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return Klaviyo's response document
   */
  public GetAccountsResult list(QueryOptions options) {
    return getAccounts(listParams(options));
  }

  /**
   * List Accounts, asynchronously.
   *
   * @param options the query options ({@code fields}, {@code filter}, {@code sort}, {@code page[size]}, {@code
   *     include}); checked against the operation before sending
   * @return a future that completes with Klaviyo's response document, or exceptionally with a typed {@link
   *     io.github.kvsdk.klaviyo.errors.KlaviyoException}
   */
  public CompletableFuture<GetAccountsResult> listAsync(QueryOptions options) {
    return getAccountsAsync(listParams(options));
  }

  private GetAccountsParams listParams(QueryOptions options) {
    return GetAccountsParams.builder().options(ctx.validate("get_accounts", options)).build();
  }
}
