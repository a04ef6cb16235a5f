# The model bundles alone, for the Deployment's init container, so models ship apart from the
# server: same path as in the server image (/app/models), so only the init container's image
# changes. From the repository root, after the build that makes the bundles:
#
#   docker build -f deploy/docker/models.Dockerfile -t tandem-models:0.1.0 .
FROM busybox:1.36
COPY models /app/models
USER 10001:10001
