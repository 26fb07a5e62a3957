// Starts GraphiQL on the page that `GET /graphql` serves to a browser (src/graphiql).
// Every URL is this page's own: queries go to the endpoint that served it, subscriptions
// to `<endpoint>/ws` over ws: or wss: as the page is http: or https:.
(function () {
  'use strict';

  var endpoint = new URL(window.location.pathname, window.location.origin);
  var subscriptions = new URL(endpoint.pathname + '/ws', endpoint);
  subscriptions.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

  var defaultQuery = [
    '# bangfu 帮扶 GraphQL API',
    '#',
    '# 1. Log in (登录) and copy the token:',
    '#    mutation { login(input: {username: "…", password: "…"}) { token } }',
    '# 2. Put it in the Headers tab below:',
    '#    {"Authorization": "Bearer <token>"}',
    '# 3. Run a query with the ▶ button or Ctrl+Enter:',
    '',
    '{ me { id username } }',
    '',
  ].join('\n');

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({
        url: endpoint.href,
        subscriptionUrl: subscriptions.href,
      }),
      defaultQuery: defaultQuery,
      // The token travels in the Authorization header, kept across reloads in this
      // browser's storage for this origin only.
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
