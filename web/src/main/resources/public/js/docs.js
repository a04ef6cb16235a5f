// /docs/: the server's OpenAPI document (/openapi.json) in Swagger UI. The UI comes from this
// server (/docs/swagger-ui/, copied from npm swagger-ui-dist into the web jar) and talks to this
// server only: no validator badge (it would ask validator.swagger.io), no remote spec.
// body[data-status]: loading → ready once the operations are rendered, error when the document
// could not be read (message in #error).
const status = document.getElementById('docs-status');

function done(state, text) {
  document.body.dataset.status = state;
  status.textContent = text;
}

if (typeof window.SwaggerUIBundle !== 'function') {
  done('error', '');
  document.getElementById('error').textContent = 'Swagger UI did not load (/docs/swagger-ui/swagger-ui-bundle.js).';
} else {
  window.SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    // No deep links: they put a link inside each operation's toggle button (axe nested-interactive).
    deepLinking: false,
    validatorUrl: null,
    tryItOutEnabled: true,   // every operation opens ready to send: the examples run as they are
    displayRequestDuration: true,
    defaultModelsExpandDepth: 0,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    onComplete() {
      const operations = document.querySelectorAll('#swagger-ui .opblock').length;
      if (operations === 0) {
        done('error', '');
        document.getElementById('error').textContent = 'The API description could not be read from /openapi.json.';
      } else {
        done('ready', `${operations} operations.`);
      }
    },
  });
}
