package io.github.kvsdk.klaviyo.sandbox.resources;

/** Seeded, read-only types: accounts, flows, forms and reviews. */
final class ReadOnlyEndpoints {
  private final Backend b;
  private final SandboxState state;

  ReadOnlyEndpoints(Backend backend) {
    this.b = backend;
    this.state = backend.state;
  }

  void register() {
    b.on("get_accounts", r -> b.list(r, state.accounts()));
    b.on("get_account", r -> b.get(state.accounts(), r));
    b.on("get_flows", r -> b.list(r, state.flows()));
    b.on("get_flow", r -> b.get(state.flows(), r));
    b.on("get_forms", r -> b.list(r, state.forms()));
    b.on("get_form", r -> b.get(state.forms(), r));
    b.on("get_reviews", r -> b.list(r, state.reviews()));
    b.on("get_review", r -> b.get(state.reviews(), r));
  }
}
