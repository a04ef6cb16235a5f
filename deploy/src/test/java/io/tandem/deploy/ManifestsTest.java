package io.tandem.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a cluster would accept and then get wrong: every manifest of {@code deploy/k8s} is parsed
 * into fabric8's typed model and checked against the others, against the server's own settings and
 * against the memory measured in {@code measured-memory.properties}.
 */
class ManifestsTest {
    static final Path SERVER_SOURCES = Path.of("../server/src/main/java/io/tandem/server");
    static final Map<String, String> CONVENTION = Map.of("app.kubernetes.io/name", "tandem", "app.kubernetes.io/part-of", "tandem");
    static final Set<String> COMPONENTS = Set.of("server", "redis");
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Names of keys, passwords and tokens: TANDEM_API_KEYS, …_ADMIN_KEYS, …_PASSWORD (not TANDEM_RATE_LIMIT_PER_KEY). */
    static final Pattern SECRET_LIKE = Pattern.compile("(?i)(.*_)?(API|ADMIN|ACCESS|PRIVATE|SECRET)_KEYS?(_.*)?|.*(SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL).*");
    static final String SERVER = "tandem-server";

    static Manifests manifests;
    static Properties measured;

    @BeforeAll
    static void load() throws IOException {
        manifests = Manifests.load(Manifests.DIR);
        measured = new Properties();
        try (Reader r = Files.newBufferedReader(Manifests.DIR.resolve("measured-memory.properties"))) {
            measured.load(r);
        }
    }

    // ---- every object ----

    @Test
    void everyFileParsesIntoTypedObjectsWithNoUnknownField() {
        assertThat(Manifests.yamlFiles(Manifests.DIR)).hasSizeGreaterThanOrEqualTo(8);
        assertThat(manifests.all()).hasSizeGreaterThanOrEqualTo(10);
        for (Manifests.Manifest m : manifests.all()) {
            assertThat(m.object()).as("%s: an apiVersion and kind the Kubernetes model knows", m)
                    .isNotInstanceOf(GenericKubernetesResource.class);
            assertThat(Manifests.unknownFields(m.object(), m.object().getKind())).as("fields %s does not know", m).isEmpty();
        }
    }

    @Test
    void everyObjectIsNamedAndLabelledTheSameWayWithoutANamespace() {
        for (Manifests.Manifest m : manifests.all()) {
            HasMetadata o = m.object();
            assertThat(o.getApiVersion()).as("%s apiVersion", m).isNotBlank();
            assertThat(o.getKind()).as("%s kind", m).isNotBlank();
            assertThat(o.getMetadata().getName()).as("%s name", m).isNotNull().matches(DNS_LABEL);
            assertThat(o.getMetadata().getNamespace()).as("%s: the namespace is the one applied to (-n), never written", m).isNull();
            assertThat(o.getMetadata().getLabels()).as("%s labels", m).containsAllEntriesOf(CONVENTION);
            assertThat(Manifests.label(o, "app.kubernetes.io/component")).as("%s component", m).hasValueSatisfying(c -> assertThat(COMPONENTS).contains(c));
        }
        for (PodTemplateSpec t : podTemplates()) {
            assertThat(t.getMetadata().getLabels()).as("pod template labels").containsAllEntriesOf(CONVENTION)
                    .containsKey("app.kubernetes.io/component");
            assertThat(t.getMetadata().getNamespace()).isNull();
        }
    }

    @Test
    void eachKustomizationListsEveryManifestBesideIt() throws IOException {
        List<Path> kustomizations = Manifests.yamlFiles(Manifests.DIR).stream()
                .filter(f -> f.getFileName().toString().equals(Manifests.KUSTOMIZATION)).toList();
        assertThat(kustomizations).contains(Manifests.BASE.resolve(Manifests.KUSTOMIZATION));
        for (Path k : kustomizations) {
            JsonNode doc = Manifests.yaml(k);
            Path dir = k.getParent();
            assertThat(doc.path("kind").asText()).isEqualTo("Kustomization");
            Set<Path> listed = new TreeSet<>();
            doc.path("resources").forEach(r -> listed.add(dir.resolve(r.asText()).normalize()));
            doc.path("patches").forEach(p -> listed.add(dir.resolve(p.path("path").asText()).normalize()));
            assertThat(listed).as("%s lists files and folders that exist", k).allSatisfy(p -> assertThat(p).exists());
            try (Stream<Path> beside = Files.list(dir)) {
                List<Path> yamls = beside.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals(Manifests.KUSTOMIZATION))
                        .map(Path::normalize).toList();
                assertThat(listed).as("%s: a manifest it does not list would never be applied", k).containsAll(yamls);
            }
            // A patch must name an object of what it patches, or kustomize fails (or, by another name, adds it).
            for (JsonNode p : doc.path("patches")) {
                for (HasMetadata patch : Manifests.parse(dir.resolve(p.path("path").asText()))) {
                    assertThat(manifests.base(patch.getClass())).as("%s patches %s %s of the base", k, patch.getKind(), patch.getMetadata().getName())
                            .anyMatch(o -> o.getMetadata().getName().equals(patch.getMetadata().getName()));
                }
            }
        }
    }

    // ---- the server: ports, probes, shutdown ----

    @Test
    void theServerPortIsTheSameInTheSettingsTheContainerTheProbesAndTheService() {
        Container server = serverContainer();
        int port = Integer.parseInt(settings().get("PORT"));
        assertThat(server.getPorts()).extracting(ContainerPort::getContainerPort).containsExactly(port);
        for (Probe probe : new Probe[] {server.getReadinessProbe(), server.getLivenessProbe(), server.getStartupProbe()}) {
            if (probe != null && probe.getHttpGet() != null) {
                assertThat(resolve(probe.getHttpGet().getPort(), server)).as("probe port").isEqualTo(port);
            }
        }
        Service service = manifests.one(Service.class, SERVER);
        assertThat(service.getSpec().getPorts()).isNotEmpty();
        for (ServicePort p : service.getSpec().getPorts()) {
            assertThat(resolve(p.getTargetPort(), server)).as("Service targetPort of %s", p.getName()).isEqualTo(port);
        }
        Map<String, String> annotations = deployment().getSpec().getTemplate().getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey("prometheus.io/port")) {
            assertThat(Integer.parseInt(annotations.get("prometheus.io/port"))).as("the port Prometheus scrapes").isEqualTo(port);
        }
    }

    @Test
    void readinessIsReadyLivenessIsHealthAndStartingIsGivenTime() {
        Container server = serverContainer();
        assertThat(httpPath(server.getReadinessProbe())).as("readiness").isEqualTo("/ready");
        assertThat(httpPath(server.getLivenessProbe())).as("liveness").isEqualTo("/health");
        double readySeconds = Double.parseDouble(measured.getProperty("ready.seconds"));
        Probe startup = server.getStartupProbe();
        Probe liveness = server.getLivenessProbe();
        // Until the startup probe passes, liveness is not run; without one, its initial delay is what waits.
        long startBudget = startup != null
                ? (long) startup.getPeriodSeconds() * startup.getFailureThreshold()
                : orZero(liveness.getInitialDelaySeconds());
        assertThat(startBudget).as("seconds a pod may take to start before it is restarted (measured %s s)", readySeconds)
                .isGreaterThanOrEqualTo((long) Math.ceil(10 * readySeconds));
        if (startup != null) {
            assertThat(httpPath(startup)).as("the startup probe asks an endpoint that answers before the models are all ready")
                    .isIn("/health", "/ready");
        }
        // A pod is not killed for one slow answer under load.
        assertThat((long) liveness.getPeriodSeconds() * liveness.getFailureThreshold()).as("liveness patience").isGreaterThanOrEqualTo(20);
        assertThat(liveness.getTimeoutSeconds()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void stoppingWaitsForTheServiceToForgetThePodAndForTheLongestRequest() {
        Container server = serverContainer();
        assertThat(server.getLifecycle()).as("preStop").isNotNull();
        List<String> preStop = server.getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        long sleep = Long.parseLong(preStop.get(1));
        assertThat(sleep).as("the sleep lets endpoints update before SIGTERM").isBetween(2L, 20L);
        long requestTimeout = Long.parseLong(settings().getOrDefault("TANDEM_REQUEST_TIMEOUT_MS", "10000")) / 1000;
        assertThat(deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("grace: preStop %s s + request timeout %s s + time to stop", sleep, requestTimeout)
                .isGreaterThanOrEqualTo(sleep + requestTimeout + 5);
    }

    // ---- resources, sized from the measurement ----

    @Test
    void everyContainerAsksForNoMoreThanItsLimits() {
        for (PodTemplateSpec t : podTemplates()) {
            List<Container> containers = new ArrayList<>(t.getSpec().getContainers());
            if (t.getSpec().getInitContainers() != null) {
                containers.addAll(t.getSpec().getInitContainers());
            }
            for (Container c : containers) {
                assertThat(c.getResources()).as("resources of %s", c.getName()).isNotNull();
                Map<String, Quantity> requests = c.getResources().getRequests();
                Map<String, Quantity> limits = c.getResources().getLimits();
                assertThat(requests).as("%s requests", c.getName()).containsKeys("cpu", "memory");
                assertThat(limits).as("%s: a memory limit, or one pod can take a node's memory", c.getName()).containsKey("memory");
                requests.forEach((resource, request) -> {
                    if (limits.containsKey(resource)) {
                        assertThat(bytes(request)).as("%s: %s request %s ≤ limit %s", c.getName(), resource, request, limits.get(resource))
                                .isLessThanOrEqualTo(bytes(limits.get(resource)));
                    }
                });
            }
        }
    }

    @Test
    void theServerMemoryIsSizedFromTheMeasuredResidentSet() {
        Container server = serverContainer();
        long mib = 1024 * 1024;
        long request = bytes(server.getResources().getRequests().get("memory")).longValueExact() / mib;
        long limit = bytes(server.getResources().getLimits().get("memory")).longValueExact() / mib;
        long peak = Long.parseLong(measured.getProperty("peak.rss.mib"));
        long outsideHeap = Long.parseLong(measured.getProperty("peak.outside.heap.mib"));
        assertThat(peak).isGreaterThanOrEqualTo(Long.parseLong(measured.getProperty("load.rss.mib")))
                .isGreaterThanOrEqualTo(Long.parseLong(measured.getProperty("idle.rss.mib")));
        assertThat(request).as("memory request (MiB) against the measured peak RSS %s MiB", peak).isGreaterThanOrEqualTo(peak);

        String javaOptions = env(server, "JAVA_TOOL_OPTIONS");
        Matcher percent = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(javaOptions);
        assertThat(percent.find()).as("JAVA_TOOL_OPTIONS sets -XX:MaxRAMPercentage: %s", javaOptions).isTrue();
        double heapShare = Double.parseDouble(percent.group(1)) / 100;
        // onnxruntime's memory is native: what the heap may not take of the limit must hold it.
        assertThat(limit * (1 - heapShare)).as("limit %s MiB less a %s%% heap, against %s MiB measured outside the heap",
                limit, percent.group(1), outsideHeap).isGreaterThanOrEqualTo(outsideHeap);
        assertThat(limit * heapShare).as("a heap of at least 256 MiB (cache, jobs, requests)").isGreaterThanOrEqualTo(256);
    }

    @Test
    void onnxruntimeThreadsFitTheCpuRequest() {
        Container server = serverContainer();
        int threads = Integer.parseInt(settings().getOrDefault("TANDEM_ORT_THREADS", "0"));
        assertThat(threads).as("TANDEM_ORT_THREADS: 0 would be a thread per core of the node").isPositive();
        assertThat(BigDecimal.valueOf(threads)).isLessThanOrEqualTo(bytes(server.getResources().getRequests().get("cpu")));
    }

    @Test
    void theModelsFolderIsTheVolumeTheInitContainerFills() {
        PodSpec pod = deployment().getSpec().getTemplate().getSpec();
        Container server = serverContainer();
        String modelsDir = settings().get("TANDEM_MODELS");
        VolumeMount models = server.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(modelsDir)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume mounted at TANDEM_MODELS " + modelsDir));
        Volume volume = volume(pod, models.getName());
        assertThat(volume.getEmptyDir()).as("the models volume is the pod's own emptyDir").isNotNull();
        long bundles = Long.parseLong(measured.getProperty("bundles.mib"));
        assertThat(bytes(volume.getEmptyDir().getSizeLimit()).longValueExact() / (1024 * 1024))
                .as("room for the bundles (%s MiB) and staged versions", bundles).isGreaterThanOrEqualTo(2 * bundles);
        assertThat(pod.getInitContainers()).as("an init container fills it").anySatisfy(init ->
                assertThat(init.getVolumeMounts()).anyMatch(m -> m.getName().equals(models.getName())));
        // With a read-only root, everything the server writes needs a volume: /tmp holds onnxruntime's native library.
        if (Boolean.TRUE.equals(server.getSecurityContext().getReadOnlyRootFilesystem())) {
            assertThat(server.getVolumeMounts()).extracting(VolumeMount::getMountPath).contains("/tmp");
        }
        // Every emptyDir counts against the pod's ephemeral storage.
        BigDecimal emptyDirs = pod.getVolumes().stream().filter(v -> v.getEmptyDir() != null)
                .map(v -> bytes(v.getEmptyDir().getSizeLimit())).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(emptyDirs).as("emptyDir size limits within the ephemeral-storage limit")
                .isLessThanOrEqualTo(bytes(server.getResources().getLimits().get("ephemeral-storage")));
    }

    @Test
    void theImagesHoldTheBundlesWhereTheInitContainerCopiesFromAndRunAsThePodsUser() throws IOException {
        PodSpec pod = deployment().getSpec().getTemplate().getSpec();
        Container init = pod.getInitContainers().get(0);
        String copied = String.join(" ", init.getCommand());
        Matcher from = Pattern.compile("cp -R (\\S+)/\\. ").matcher(copied);
        assertThat(from.find()).as("the init container copies a folder's contents: %s", copied).isTrue();
        long uid = pod.getSecurityContext().getRunAsUser();
        for (String dockerfile : List.of("docker/Dockerfile", "docker/models.Dockerfile")) {
            String text = Files.readString(Path.of(dockerfile));
            assertThat(text).as(dockerfile).containsPattern("(?m)^COPY models " + Pattern.quote(from.group(1)) + "$")
                    .containsPattern("(?m)^USER " + uid + "(:\\d+)?$");
        }
        String server = Files.readString(Path.of("docker/Dockerfile"));
        assertThat(server).containsPattern("(?m)^FROM eclipse-temurin:17-jre").contains("EXPOSE " + settings().get("PORT"));
    }

    // ---- settings and secrets ----

    @Test
    void everySettingIsOneTheServerReadsAndNoneIsASecret() throws IOException {
        Set<String> known = serverSettings();
        Map<String, String> settings = settings();
        assertThat(settings.keySet()).as("ConfigMap keys the server reads (from %s)", SERVER_SOURCES).isSubsetOf(known);
        assertThat(settings.keySet()).as("secret-like keys belong in a Secret").noneMatch(k -> SECRET_LIKE.matcher(k).matches());
        assertThat(settings).doesNotContainKeys("TANDEM_API_KEYS", "TANDEM_ADMIN_KEYS");
        for (String url : new String[] {settings.get("TANDEM_REDIS_URL"), settings.get("TANDEM_REDIS_CACHE_URL")}) {
            if (url != null) {
                assertThat(URI.create(url).getUserInfo()).as("a password in %s belongs in a Secret", url).isNull();
            }
        }
        Container server = serverContainer();
        assertThat(server.getEnvFrom()).as("the settings reach the container")
                .anyMatch(e -> e.getConfigMapRef() != null && e.getConfigMapRef().getName().equals(settingsMap().getMetadata().getName()));
        for (EnvVar e : server.getEnv()) {
            if (!e.getName().equals("JAVA_TOOL_OPTIONS")) {
                assertThat(known).as("env %s is a setting the server reads", e.getName()).contains(e.getName());
            }
            if (SECRET_LIKE.matcher(e.getName()).matches()) {
                assertThat(e.getValue()).as("%s is not written in the manifest", e.getName()).isNull();
                assertThat(e.getValueFrom().getSecretKeyRef()).as("%s comes from a Secret", e.getName()).isNotNull();
            }
        }
        assertThat(server.getEnv()).extracting(EnvVar::getName).contains("TANDEM_API_KEYS", "TANDEM_ADMIN_KEYS");
        EnvVar instance = server.getEnv().stream().filter(e -> e.getName().equals("TANDEM_INSTANCE_ID")).findFirst().orElseThrow();
        assertThat(instance.getValueFrom().getFieldRef().getFieldPath()).as("the instance is named after its pod").isEqualTo("metadata.name");
    }

    // ---- scaling and disruption ----

    @Test
    void theAutoscalerScalesTheDeploymentOnCpuAndOwnsTheReplicaCount() {
        Deployment deployment = deployment();
        assertThat(manifests.everywhere(HorizontalPodAutoscaler.class)).hasSizeGreaterThanOrEqualTo(2);
        for (HorizontalPodAutoscaler hpa : manifests.everywhere(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            assertThat(target.getKind()).isEqualTo("Deployment");
            assertThat(target.getApiVersion()).isEqualTo("apps/v1");
            assertThat(target.getName()).isEqualTo(deployment.getMetadata().getName());
            assertThat(hpa.getSpec().getMinReplicas()).as("minReplicas").isNotNull().isBetween(1, hpa.getSpec().getMaxReplicas());
            assertThat(hpa.getSpec().getMinReplicas()).as("several pods need the shared Redis; one is no autoscaling").isGreaterThanOrEqualTo(2);
            assertThat(hpa.getSpec().getMetrics()).as("a CPU metric").anySatisfy(m -> {
                assertThat(m.getType()).isEqualTo("Resource");
                assertThat(m.getResource().getName()).isEqualTo("cpu");
                assertThat(m.getResource().getTarget().getAverageUtilization()).isBetween(30, 90);
            });
        }
        // A count in the Deployment would be written back by every `kubectl apply`, whatever the HPA had scaled to.
        assertThat(deployment.getSpec().getReplicas()).as("Deployment spec.replicas").isNull();
    }

    @Test
    void theQueueDepthOverlayScalesOnMetricsTheServerExports() throws IOException {
        List<HorizontalPodAutoscaler> overlays = manifests.everywhere(HorizontalPodAutoscaler.class).stream()
                .filter(h -> !manifests.base(HorizontalPodAutoscaler.class).contains(h)).toList();
        assertThat(overlays).hasSize(1);
        List<MetricSpec> metrics = overlays.get(0).getSpec().getMetrics();
        assertThat(metrics).anySatisfy(m -> {
            assertThat(m.getType()).isEqualTo("External");
            assertThat(m.getExternal().getMetric().getName()).isEqualTo("tandem_jobs_queue_depth");
            assertThat(m.getExternal().getTarget().getType()).as("one figure for all pods, divided by their count").isEqualTo("AverageValue");
        });
        MetricSpec predictQueue = metrics.stream().filter(m -> "Pods".equals(m.getType())).findFirst().orElseThrow();
        assertThat(predictQueue.getPods().getMetric().getName()).isEqualTo("tandem_queue_depth");
        // Micrometer's name for tandem_queue_depth, as Metrics registers it.
        assertThat(Files.readString(SERVER_SOURCES.resolve("observe/Metrics.java"))).contains("\"tandem.queue.depth\"");
    }

    @Test
    void theDisruptionBudgetCoversTheServerPodsAndLetsADrainProceed() {
        PodDisruptionBudget pdb = manifests.only(PodDisruptionBudget.class);
        Deployment deployment = deployment();
        assertThat(matches(pdb.getSpec().getSelector(), deployment.getSpec().getTemplate().getMetadata().getLabels()))
                .as("the PDB selects the server pods").isTrue();
        assertThat(matches(pdb.getSpec().getSelector(), redis().getSpec().getTemplate().getMetadata().getLabels()))
                .as("and not Redis").isFalse();
        IntOrString minAvailable = pdb.getSpec().getMinAvailable();
        assertThat(minAvailable).as("minAvailable").isNotNull();
        assertThat(minAvailable.getIntVal()).as("a number of pods").isNotNull().isPositive();
        int replicas = deployment.getSpec().getReplicas() != null ? deployment.getSpec().getReplicas()
                : manifests.only(HorizontalPodAutoscaler.class).getSpec().getMinReplicas();
        assertThat(minAvailable.getIntVal()).as("minAvailable below the fewest replicas (%s), or a drain never ends", replicas).isLessThan(replicas);
    }

    @Test
    void theServiceAndTheDeploymentSelectTheServerPodsOnly() {
        Deployment deployment = deployment();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(matches(deployment.getSpec().getSelector(), podLabels)).as("the Deployment's selector").isTrue();
        Service service = manifests.one(Service.class, SERVER);
        assertThat(service.getSpec().getSelector()).as("the Service's selector").isNotEmpty();
        assertThat(podLabels).as("the Service selects the server pods").containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(redis().getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()))
                .as("and not Redis").isFalse();
    }

    // ---- Redis ----

    @Test
    void redisIsAStatefulSetWithAHeadlessServiceAndAVolumePerPod() {
        StatefulSet redis = redis();
        Service headless = manifests.one(Service.class, redis.getSpec().getServiceName());
        assertThat(headless.getSpec().getClusterIP()).as("the StatefulSet's Service is headless").isEqualTo("None");
        Map<String, String> podLabels = redis.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(headless.getSpec().getSelector());
        assertThat(matches(redis.getSpec().getSelector(), podLabels)).isTrue();
        assertThat(redis.getSpec().getReplicas()).as("independent servers, not a replicated set").isEqualTo(1);
        assertThat(redis.getSpec().getVolumeClaimTemplates()).as("volumeClaimTemplates").hasSize(1);
        PersistentVolumeClaim claim = redis.getSpec().getVolumeClaimTemplates().get(0);
        Container container = redis.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).startsWith("redis:7");
        assertThat(container.getVolumeMounts()).as("the claim is where Redis writes").anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo(claim.getMetadata().getName());
            assertThat(m.getMountPath()).isEqualTo(redisConfig().get("dir"));
        });
    }

    @Test
    void theServerPointsAtTheRedisPodThroughItsServiceAndPort() {
        StatefulSet redis = redis();
        Service headless = manifests.one(Service.class, redis.getSpec().getServiceName());
        URI url = URI.create(settings().get("TANDEM_REDIS_URL"));
        assertThat(url.getScheme()).isIn("redis", "rediss");
        String service = headless.getMetadata().getName();
        List<String> hosts = new ArrayList<>(List.of(service));
        for (int i = 0; i < redis.getSpec().getReplicas(); i++) {
            hosts.add(redis.getMetadata().getName() + "-" + i + "." + service);
        }
        assertThat(url.getHost()).as("a name the headless Service gives").isIn(hosts);
        Container container = redis.getSpec().getTemplate().getSpec().getContainers().get(0);
        ServicePort port = headless.getSpec().getPorts().stream().filter(p -> p.getPort() == url.getPort()).findFirst()
                .orElseThrow(() -> new AssertionError("the Redis Service has no port " + url.getPort()));
        assertThat(resolve(port.getTargetPort(), container)).isEqualTo(url.getPort());
        assertThat(redisConfig().get("port")).isEqualTo(Integer.toString(url.getPort()));
    }

    @Test
    void theStateRedisRefusesWritesRatherThanEvictAndStaysWithinItsLimit() {
        Map<String, String> conf = redisConfig();
        assertThat(conf.get("maxmemory-policy")).as("an evicted job is a lost job").isEqualTo("noeviction");
        assertThat(conf).containsKey("maxmemory");
        long maxmemory = redisBytes(conf.get("maxmemory"));
        Container container = redis().getSpec().getTemplate().getSpec().getContainers().get(0);
        BigDecimal limit = bytes(container.getResources().getLimits().get("memory"));
        assertThat(BigDecimal.valueOf(maxmemory)).as("maxmemory leaves a quarter of the limit for forks and buffers")
                .isLessThanOrEqualTo(limit.multiply(BigDecimal.valueOf(0.75)));
        assertThat(conf.get("appendonly")).isEqualTo("yes");
        // The config the container reads is the ConfigMap's.
        List<String> command = container.getCommand();
        assertThat(command).first().isEqualTo("redis-server");
        Path confPath = Path.of(command.get(1));
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(confPath.getParent().toString()))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + confPath.getParent()));
        Volume volume = volume(redis().getSpec().getTemplate().getSpec(), mount.getName());
        assertThat(volume.getConfigMap().getName()).isEqualTo(redisConfigMap().getMetadata().getName());
        assertThat(redisConfigMap().getData()).containsKey(confPath.getFileName().toString());
    }

    @Test
    void onlyTheServerPodsReachRedis() {
        NetworkPolicy policy = manifests.only(NetworkPolicy.class);
        assertThat(matches(policy.getSpec().getPodSelector(), redis().getSpec().getTemplate().getMetadata().getLabels()))
                .as("the policy guards the Redis pods").isTrue();
        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertThat(rules).hasSize(1);
        Map<String, String> serverPods = deployment().getSpec().getTemplate().getMetadata().getLabels();
        assertThat(rules.get(0).getFrom()).allSatisfy(peer -> assertThat(matches(peer.getPodSelector(), serverPods)).isTrue());
        int port = URI.create(settings().get("TANDEM_REDIS_URL")).getPort();
        assertThat(rules.get(0).getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(port);
    }

    // ---- helpers ----

    static Deployment deployment() {
        return manifests.one(Deployment.class, SERVER);
    }

    static Container serverContainer() {
        List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(Container::getName).containsExactly("server");
        return containers.get(0);
    }

    static StatefulSet redis() {
        return manifests.only(StatefulSet.class);
    }

    static List<PodTemplateSpec> podTemplates() {
        List<PodTemplateSpec> out = new ArrayList<>();
        manifests.base(Deployment.class).forEach(d -> out.add(d.getSpec().getTemplate()));
        manifests.base(StatefulSet.class).forEach(s -> out.add(s.getSpec().getTemplate()));
        return out;
    }

    /** The ConfigMap the server container takes its environment from. */
    static ConfigMap settingsMap() {
        return manifests.one(ConfigMap.class, "tandem-config");
    }

    static Map<String, String> settings() {
        return Objects.requireNonNullElse(settingsMap().getData(), Map.of());
    }

    static ConfigMap redisConfigMap() {
        Volume config = redis().getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null)
                .findFirst().orElseThrow(() -> new AssertionError("Redis mounts no ConfigMap"));
        return manifests.one(ConfigMap.class, config.getConfigMap().getName());
    }

    /** redis.conf as directive → argument (comments and blank lines left out). */
    static Map<String, String> redisConfig() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : redisConfigMap().getData().get("redis.conf").split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                String[] parts = l.split("\\s+", 2);
                out.put(parts[0].toLowerCase(), parts.length > 1 ? parts[1] : "");
            }
        }
        return out;
    }

    /** Redis's memory units: 512mb, 1gb, 100kb, or bytes (1k = 1000, 1kb = 1024). */
    static long redisBytes(String v) {
        Matcher m = Pattern.compile("(?i)(\\d+)(k|kb|m|mb|g|gb)?").matcher(v.strip());
        assertThat(m.matches()).as("a Redis memory figure: %s", v).isTrue();
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase();
        return switch (unit) {
            case "k" -> n * 1000;
            case "kb" -> n * 1024;
            case "m" -> n * 1000_000;
            case "mb" -> n * 1024 * 1024;
            case "g" -> n * 1000_000_000;
            case "gb" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }

    /** Every setting the server reads: the names in ServerConfig and SharedStateConfig. */
    static Set<String> serverSettings() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(PORT|TANDEM_[A-Z0-9_]+)\"");
        for (String source : List.of("ServerConfig.java", "shared/SharedStateConfig.java")) {
            Matcher m = literal.matcher(Files.readString(SERVER_SOURCES.resolve(source)));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        // The scan must find what it checks against, or every key would fail (or a broken scan pass nothing).
        assertThat(names).as("settings found in the server's sources").hasSizeGreaterThan(20)
                .contains("PORT", "TANDEM_MODELS", "TANDEM_REDIS_URL", "TANDEM_INSTANCE_ID");
        return names;
    }

    static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " sets no " + name));
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    static String httpPath(Probe probe) {
        assertThat(probe).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as("an HTTP probe").isNotNull();
        return get.getPath();
    }

    /** A port given by number or by the container port's name. */
    static int resolve(IntOrString port, Container c) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no port named " + port.getStrVal()));
    }

    /** matchLabels only: the manifests use no matchExpressions, and a selector with them is not understood here. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector).isNotNull();
        assertThat(selector.getMatchExpressions()).as("matchExpressions").isNullOrEmpty();
        assertThat(selector.getMatchLabels()).as("an empty selector selects everything").isNotEmpty();
        return labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    static BigDecimal bytes(Quantity q) {
        assertThat(q).isNotNull();
        return Quantity.getAmountInBytes(q);
    }

    static long orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
