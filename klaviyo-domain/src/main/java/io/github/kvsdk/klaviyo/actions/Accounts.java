package io.github.kvsdk.klaviyo.actions;

import io.github.kvsdk.klaviyo.api.accounts.AccountsService;
import static io.github.kvsdk.klaviyo.actions.ActionContext.fields;
import static io.github.kvsdk.klaviyo.actions.ActionContext.require;

import io.github.kvsdk.klaviyo.generated.api.AccountsApi;
import io.github.kvsdk.klaviyo.generated.model.GetAccountResponse;
import io.github.kvsdk.klaviyo.generated.model.GetAccountResponseCollection;
import io.github.kvsdk.klaviyo.query.QueryOptions;
import java.util.concurrent.CompletableFuture;
import retrofit2.Call;

/** Account actions: Get Account and List Accounts (the account(s) of the credential; not paginated). */
public final class Accounts extends AccountsService {
  private final ActionContext ctx;

  Accounts(ActionContext ctx) {
    super(ctx.services);
    this.ctx = ctx;
  }

  /** Get Account ({@code get_account}), with {@code fields[account]} from {@code options}. */
  public GetAccountResponse get(String id, QueryOptions options) {
    return ctx.execute(getCall(id, options));
  }

  public GetAccountResponse get(String id) {
    return get(id, QueryOptions.none());
  }

  public CompletableFuture<GetAccountResponse> getAsync(String id, QueryOptions options) {
    return ctx.executeAsync(getCall(id, options));
  }

  private Call<GetAccountResponse> getCall(String id, QueryOptions options) {
    QueryOptions o = ctx.validate("get_account", options);
    return api().getAccount(require("id", id), ctx.revision(), fields(o, "account"));
  }

  /** List Accounts ({@code get_accounts}). */
  public GetAccountResponseCollection list(QueryOptions options) {
    return ctx.execute(listCall(options));
  }

  public CompletableFuture<GetAccountResponseCollection> listAsync(QueryOptions options) {
    return ctx.executeAsync(listCall(options));
  }

  private Call<GetAccountResponseCollection> listCall(QueryOptions options) {
    QueryOptions o = ctx.validate("get_accounts", options);
    return api().getAccounts(ctx.revision(), fields(o, "account"));
  }

  private AccountsApi api() {
    return ctx.api(AccountsApi.class);
  }
}
