using Skiff.Core.Specs;
using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

public class ComposeServiceTests
{
    private static ServiceSpec Service(string yaml, string name = "web", SpecLoadOptions? options = null)
    {
        var spec = TempRepo.LoadComposeOk(yaml, options);
        return spec.FindService(name)!;
    }

    [Fact]
    public void Reads_image_command_entrypoint_and_plain_keys()
    {
        var web = Service("""
            services:
              web:
                image: nginx:1.27
                command: nginx -g 'daemon off;'
                entrypoint: ["/docker-entrypoint.sh"]
                restart: on-failure:3
                working_dir: /srv
                user: 1000:1000
                expose: [3000, "3001/tcp", 4000-4001]
            """);
        Assert.Equal("nginx:1.27", web.Image);
        Assert.Equal(["nginx", "-g", "daemon off;"], web.Command!.Value.ToArray());
        Assert.Equal(["/docker-entrypoint.sh"], web.Entrypoint!.Value.ToArray());
        Assert.Equal("on-failure:3", web.Restart);
        Assert.Equal("/srv", web.WorkingDir);
        Assert.Equal("1000:1000", web.User);
        Assert.Equal([3000, 3001, 4000, 4001], web.Expose.ToArray());
        Assert.Equal(new SourceLocation("compose.yaml", 2, 3), web.Location);
    }

    [Fact]
    public void Null_command_keeps_the_image_one_and_an_empty_list_clears_it()
    {
        var spec = TempRepo.LoadComposeOk("services:\n  a: {image: x, command: ~}\n  b: {image: x, command: []}\n");
        Assert.Null(spec.FindService("a")!.Command);
        Assert.Empty(spec.FindService("b")!.Command!.Value);
    }

    [Fact]
    public void Reads_build_as_string_or_mapping_with_absolute_context()
    {
        using var repo = new TempRepo();
        repo.Context("app").Context("api", "Dockerfile.dev").Write("compose.yaml", """
            services:
              web:
                build: ./app
              api:
                build:
                  context: api
                  dockerfile: Dockerfile.dev
                  target: dev
                  args:
                    - NODE_ENV=development
                    - FROM_VARIABLES
                    - NOT_SET
              worker:
                build:
                  context: .
                  args: {A: 1, B: ~}
                  dockerfile: app/Dockerfile
            """);
        var spec = repo.LoadOk(new SpecLoadOptions { Variables = new Dictionary<string, string> { ["FROM_VARIABLES"] = "v", ["B"] = "b" } });
        Assert.Equal(repo.PathOf("app"), spec.FindService("web")!.Build!.Context);
        Assert.Equal("Dockerfile", spec.FindService("web")!.Build!.Dockerfile);
        var api = spec.FindService("api")!.Build!;
        Assert.Equal(repo.PathOf("api"), api.Context);
        Assert.Equal("Dockerfile.dev", api.Dockerfile);
        Assert.Equal("dev", api.Target);
        Assert.Equal(new Dictionary<string, string> { ["FROM_VARIABLES"] = "v", ["NODE_ENV"] = "development" }, api.Args);
        var worker = spec.FindService("worker")!.Build!;
        Assert.Equal(repo.Root, worker.Context);
        Assert.Equal("app/Dockerfile", worker.Dockerfile);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "b" }, worker.Args);
    }

    [Theory]
    [InlineData("https://github.com/docker/compose.git")]
    [InlineData("git@github.com:docker/compose.git")]
    [InlineData("github.com/docker/compose")]
    [InlineData("git://example.com/repo.git#main")]
    public void Refuses_remote_build_contexts(string context)
    {
        var result = TempRepo.LoadCompose($"services:\n  web:\n    build: {context}\n");
        SpecAssert.Error(result,
            $"compose.yaml:3:12: services.web.build: remote build context '{context}' is refused: remote contexts need network access and are not supported; put the sources in the repository and use a local path");
    }

    [Fact]
    public void Reads_environment_in_both_forms_with_variables_for_bare_keys()
    {
        var options = new SpecLoadOptions { Variables = new Dictionary<string, string> { ["FROM_HOST"] = "h", ["LISTED"] = "l" } };
        var spec = TempRepo.LoadComposeOk("""
            services:
              a:
                image: x
                environment:
                  NUMBER: 1
                  BOOL: true
                  EMPTY: ""
                  FROM_HOST:
                  ABSENT:
              b:
                image: x
                environment:
                  - A=1
                  - B=x=y
                  - C=
                  - LISTED
                  - NOT_LISTED
            """, options);
        Assert.Equal(new Dictionary<string, string> { ["BOOL"] = "true", ["EMPTY"] = "", ["FROM_HOST"] = "h", ["NUMBER"] = "1" }, spec.FindService("a")!.Environment);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "x=y", ["C"] = "", ["LISTED"] = "l" }, spec.FindService("b")!.Environment);
    }

    [Fact]
    public void Env_files_load_in_order_relative_to_the_file_and_environment_wins()
    {
        using var repo = new TempRepo();
        repo.Write("config/base.env", "SHARED=base\nONLY_BASE=1\nURL=http://${HOST:-localhost}\n")
            .Write("config/local.env", "SHARED=local\nHOST_FROM_FILE=$ONLY_BASE\n")
            .Write("compose.yaml", """
                services:
                  web:
                    image: x
                    env_file:
                      - config/base.env
                      - path: ./config/local.env
                        required: true
                      - path: ./config/missing.env
                        required: false
                    environment:
                      SHARED: from-environment
                      ONLY_BASE:
                """);
        var web = repo.LoadOk().FindService("web")!;
        Assert.Equal("from-environment", web.Environment["SHARED"]);
        Assert.Equal("1", web.Environment["ONLY_BASE"]);
        Assert.Equal("http://localhost", web.Environment["URL"]);
        Assert.Equal("1", web.Environment["HOST_FROM_FILE"]);
    }

    [Fact]
    public void A_missing_required_env_file_is_an_error()
    {
        var result = TempRepo.LoadCompose("services:\n  web:\n    image: x\n    env_file: .env.local\n");
        SpecAssert.Error(result, "compose.yaml:4:15: services.web.env_file: the environment file '.env.local' does not exist; create it or mark the entry required: false");
    }

    [Fact]
    public void An_env_file_outside_the_repository_is_refused()
    {
        var result = TempRepo.LoadCompose("services:\n  web:\n    image: x\n    env_file: [/etc/passwd]\n");
        SpecAssert.Error(result, "compose.yaml:4:16: services.web.env_file[0]: the environment file '/etc/passwd' is outside the repository; Skiff reads only files inside the repository");
    }

    [Fact]
    public void Reads_ports_in_every_syntax()
    {
        var web = Service("""
            services:
              web:
                image: x
                ports:
                  - 80
                  - "8080:80"
                  - 127.0.0.1:9090:90/udp
                  - "[::1]:7070:70"
                  - 127.0.0.1::71
                  - 3000-3002
                  - 4000-4001:5000-5001
                  - 6000-6010:6000
                  - target: 8000
                    published: "18000"
                    protocol: tcp
                    host_ip: 0.0.0.0
                    mode: host
                  - target: 9000
            """);
        Assert.Equal(
            [
                new PortSpec(80), new PortSpec(80, 8080), new PortSpec(90, 9090, "udp", "127.0.0.1"), new PortSpec(70, 7070, "tcp", "::1"),
                new PortSpec(71, null, "tcp", "127.0.0.1"), new PortSpec(3000), new PortSpec(3001), new PortSpec(3002),
                new PortSpec(5000, 4000), new PortSpec(5001, 4001), new PortSpec(6000), new PortSpec(8000, 18000, "tcp", "0.0.0.0"), new PortSpec(9000),
            ],
            web.Ports.Select(p => p with { Location = null }));
        Assert.Equal(new SourceLocation("compose.yaml", 6, 9), web.Ports[1].Location);
    }

    [Theory]
    [InlineData("\"a:b\"", "compose.yaml:5:9: services.web.ports[0]: 'a:b' is not a port; expected CONTAINER_PORT, HOST_PORT:CONTAINER_PORT or HOST_IP:HOST_PORT:CONTAINER_PORT, optionally with /tcp or /udp, such as \"8080:80\"")]
    [InlineData("\"70000\"", "compose.yaml:5:9: services.web.ports[0]: '70000' is not a port; expected CONTAINER_PORT, HOST_PORT:CONTAINER_PORT or HOST_IP:HOST_PORT:CONTAINER_PORT, optionally with /tcp or /udp, such as \"8080:80\"")]
    [InlineData("\"localhost:80:80\"", "compose.yaml:5:9: services.web.ports[0]: 'localhost' is not an IP address; expected a host address such as 127.0.0.1")]
    [InlineData("\"80/sctp\"", "compose.yaml:5:9: services.web.ports[0]: protocol 'sctp' is not supported; expected tcp or udp")]
    [InlineData("\"1-3:1-2\"", "compose.yaml:5:9: services.web.ports[0]: the container range has 2 ports but the host range has 3; give ranges of the same length")]
    [InlineData("\"1-5000\"", "compose.yaml:5:9: services.web.ports[0]: the range publishes 5000 ports; at most 1000 are allowed")]
    [InlineData("{published: 80}", "compose.yaml:5:9: services.web.ports[0]: a port in the long syntax needs 'target', the container port")]
    [InlineData("{target: 80, publish: 80}", "compose.yaml:5:22: services.web.ports[0].publish: unknown key 'publish' in a port; expected target, published, host_ip, protocol, mode, name or app_protocol")]
    [InlineData("[80]", "compose.yaml:5:9: services.web.ports[0]: expected a port such as \"8080:80\" or a mapping with 'target', found a list")]
    public void Reports_bad_ports(string port, string error) =>
        SpecAssert.Error(TempRepo.LoadCompose($"services:\n  web:\n    image: x\n    ports:\n      - {port}\n"), error);

    [Fact]
    public void Reads_volumes_in_short_and_long_syntax()
    {
        using var repo = new TempRepo();
        repo.Write("compose.yaml", """
            services:
              db:
                image: postgres
                volumes:
                  - data:/var/lib/postgresql/data
                  - ./init:/docker-entrypoint-initdb.d:ro
                  - /cache
                  - ./conf/my.cnf:/etc/my.cnf:ro,z
                  - type: bind
                    source: ./seed
                    target: /seed
                    read_only: true
                  - type: volume
                    source: data
                    target: /backup
                  - type: volume
                    target: /anonymous
            volumes:
              data:
            """);
        var db = repo.LoadOk().FindService("db")!;
        Assert.Equal(
            [
                new MountSpec(MountType.Volume, "data", "/var/lib/postgresql/data"),
                new MountSpec(MountType.Bind, repo.PathOf("init"), "/docker-entrypoint-initdb.d", true),
                new MountSpec(MountType.Volume, null, "/cache"),
                new MountSpec(MountType.Bind, repo.PathOf("conf/my.cnf"), "/etc/my.cnf", true),
                new MountSpec(MountType.Bind, repo.PathOf("seed"), "/seed", true),
                new MountSpec(MountType.Volume, "data", "/backup"),
                new MountSpec(MountType.Volume, null, "/anonymous"),
            ],
            db.Mounts.Select(m => m with { Location = null }));
    }

    [Theory]
    [InlineData("/etc:/host-etc", "compose.yaml:4:15: services.web.volumes: the bind mount source '/etc' is outside the repository; Skiff binds only paths inside the repository (use a named volume for data)")]
    [InlineData("../sibling:/x", "compose.yaml:4:15: services.web.volumes: the bind mount source '{parent}/sibling' is outside the repository; Skiff binds only paths inside the repository (use a named volume for data)")]
    [InlineData("~/data:/data", "compose.yaml:4:15: services.web.volumes[0]: cannot bind '~/data': '~/data' is in a home folder, outside the repository; use a path inside the repository")]
    [InlineData("/var/run/docker.sock:/var/run/docker.sock", "compose.yaml:4:15: services.web.volumes: mounting the engine socket '/var/run/docker.sock' is refused: it would give the environment control of the host")]
    [InlineData("undeclared:/data", "compose.yaml:4:15: services.web.volumes: service 'web' refers to undefined volume 'undeclared'; declare it under the top-level 'volumes:' key")]
    [InlineData("data:relative", "compose.yaml:4:15: services.web.volumes[0]: the mount target 'relative' must be an absolute path in the container, such as /relative")]
    [InlineData("data:/x:bogus", "compose.yaml:4:15: services.web.volumes[0]: unknown volume mode 'bogus'; expected ro or rw (optionally with z, Z, nocopy or a propagation mode)")]
    [InlineData("\":/media\"", "compose.yaml:4:15: services.web.volumes[0]: ':/media' has an empty source (is a variable unset?); expected SOURCE:TARGET such as \"./src:/app\"")]
    public void Reports_bad_volumes(string volume, string error)
    {
        using var repo = new TempRepo();
        var result = repo.Write("compose.yaml", $"services:\n  web:\n    image: x\n    volumes: [{volume}]\nvolumes:\n  data:\n").Load();
        SpecAssert.Error(result, error.Replace("{parent}", Path.GetDirectoryName(repo.Root)!));
    }

    [Fact]
    public void A_symbolic_link_cannot_lead_a_bind_mount_out_of_the_repository()
    {
        using var repo = new TempRepo();
        repo.Write("compose.yaml", "services:\n  web:\n    image: x\n    volumes: [./escape/passwd:/x]\n");
        Directory.CreateSymbolicLink(repo.PathOf("escape"), "/etc");
        var error = Assert.Single(repo.Load().Errors);
        Assert.Contains("the bind mount source 'escape/passwd' is outside the repository", error.Message);
    }

    [Fact]
    public void Reads_healthchecks()
    {
        var spec = TempRepo.LoadComposeOk("""
            services:
              a:
                image: x
                healthcheck:
                  test: ["CMD", "pg_isready", "-U", "app"]
                  interval: 5s
                  timeout: 1m30s
                  retries: 10
                  start_period: 500ms
                  start_interval: 1s
              b:
                image: x
                healthcheck:
                  test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]
              c:
                image: x
                healthcheck:
                  test: wget -q -O- localhost
              d:
                image: x
                healthcheck: {test: [NONE]}
              e:
                image: x
                healthcheck: {disable: true}
            """);
        var a = spec.FindService("a")!.HealthCheck!;
        Assert.Equal(["pg_isready", "-U", "app"], a.Test.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(5), a.Interval);
        Assert.Equal(TimeSpan.FromSeconds(90), a.Timeout);
        Assert.Equal(10, a.Retries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), a.StartPeriod);
        Assert.Equal(TimeSpan.FromSeconds(1), a.StartInterval);
        Assert.Equal(["sh", "-c", "curl -f http://localhost/ || exit 1"], spec.FindService("b")!.HealthCheck!.Test.ToArray());
        Assert.Equal(["sh", "-c", "wget -q -O- localhost"], spec.FindService("c")!.HealthCheck!.Test.ToArray());
        Assert.True(spec.FindService("d")!.HealthCheck!.Disabled);
        Assert.True(spec.FindService("e")!.HealthCheck!.Disabled);
    }

    [Fact]
    public void Reports_bad_durations_where_they_are()
    {
        var result = TempRepo.LoadCompose("services:\n  web:\n    image: x\n    healthcheck:\n      test: [CMD, true]\n      interval: 5 seconds\n      retries: -1\n");
        SpecAssert.Errors(result,
            "compose.yaml:6:17: services.web.healthcheck.interval: '5 seconds' is not a duration; expected a number with a unit (ms, s, m, h, d, w), such as 30s, 1m30s or 12h",
            "compose.yaml:7:16: services.web.healthcheck.retries: expected a whole number of at least 0, found '-1'");
    }

    [Fact]
    public void Reads_depends_on_lists_and_conditions()
    {
        var spec = TempRepo.LoadComposeOk("""
            services:
              web:
                image: x
                depends_on:
                  db:
                    condition: service_healthy
                  migrate:
                    condition: service_completed_successfully
                    required: false
                  cache:
                    condition: service_started
              worker:
                image: x
                depends_on: [db, cache]
              db: {image: x}
              migrate: {image: x}
              cache: {image: x}
            """);
        Assert.Equal(
            [new DependencySpec("db", DependencyCondition.Healthy), new DependencySpec("migrate", DependencyCondition.CompletedSuccessfully, false), new DependencySpec("cache")],
            spec.FindService("web")!.DependsOn.Select(d => d with { Location = null }));
        Assert.Equal(["db", "cache"], spec.FindService("worker")!.DependsOn.Select(d => d.Service));
        Assert.Equal(new SourceLocation("compose.yaml", 5, 7), spec.FindService("web")!.DependsOn[0].Location);
    }

    [Fact]
    public void Reports_an_unknown_condition()
    {
        var result = TempRepo.LoadCompose("services:\n  web:\n    image: x\n    depends_on:\n      db: {condition: healthy}\n  db: {image: x}\n");
        SpecAssert.Error(result, "compose.yaml:5:23: services.web.depends_on.db.condition: unknown condition 'healthy'; expected service_started, service_healthy or service_completed_successfully");
    }

    [Fact]
    public void Reads_secrets_and_configs_with_default_targets()
    {
        using var repo = new TempRepo();
        repo.Write("db/password.txt", "s3cret").Write("nginx.conf", "").Write("compose.yaml", """
            services:
              web:
                image: x
                secrets:
                  - db-password
                  - source: db-password
                    target: custom
                  - source: db-password
                    target: /etc/pw
                configs:
                  - nginx
                  - source: nginx
                    target: /etc/nginx/nginx.conf
            secrets:
              db-password:
                file: db/password.txt
            configs:
              nginx:
                file: ./nginx.conf
            """);
        var web = repo.LoadOk().FindService("web")!;
        var secret = repo.PathOf("db/password.txt");
        var config = repo.PathOf("nginx.conf");
        Assert.Equal(
            [
                new FileMountSpec(FileMountKind.Secret, "db-password", secret, "/run/secrets/db-password"),
                new FileMountSpec(FileMountKind.Secret, "db-password", secret, "/run/secrets/custom"),
                new FileMountSpec(FileMountKind.Secret, "db-password", secret, "/etc/pw"),
                new FileMountSpec(FileMountKind.Config, "nginx", config, "/nginx"),
                new FileMountSpec(FileMountKind.Config, "nginx", config, "/etc/nginx/nginx.conf"),
            ],
            web.Files.Select(f => f with { Location = null, DefinitionLocation = null }));
    }

    [Fact]
    public void Refuses_external_and_environment_secrets_and_undefined_ones()
    {
        var result = TempRepo.LoadCompose("""
            services:
              web:
                image: x
                secrets: [ext, env, nowhere]
            secrets:
              ext:
                external: true
              env:
                environment: TOKEN
            """);
        SpecAssert.Errors(result,
            "compose.yaml:7:5: secrets.ext.external: external secret 'ext' is not supported: environments are isolated; keep the secret in a file in the repository",
            "compose.yaml:9:5: secrets.env.environment: a secret from 'environment' is not supported; keep the secret in a file in the repository and use 'file:'",
            "compose.yaml:4:25: services.web.secrets[2]: service 'web' refers to undefined secret 'nowhere'; define it under the top-level 'secrets:' key");
    }

    [Fact]
    public void Reads_resource_limits_from_deploy_mem_limit_cpus_and_x_skiff()
    {
        var spec = TempRepo.LoadComposeOk("""
            services:
              a:
                image: x
                deploy:
                  resources:
                    limits: {cpus: "0.5", memory: 1.5G}
                    reservations: {memory: 100m}
              b:
                image: x
                mem_limit: 512m
                cpus: 2
              c:
                image: x
                cpus: 1
                x-skiff:
                  resources: {cpu: 0.25, memory: 256MiB}
              d:
                image: x
            """);
        Assert.Equal(new ResourceLimits(0.5, (long)(1.5 * 1024 * 1024 * 1024)), spec.FindService("a")!.Resources with { Location = null });
        Assert.Equal(new ResourceLimits(2, 512L * 1024 * 1024), spec.FindService("b")!.Resources with { Location = null });
        Assert.Equal(new ResourceLimits(0.25, 256L * 1024 * 1024), spec.FindService("c")!.Resources with { Location = null });
        Assert.True(spec.FindService("d")!.Resources.IsEmpty);
    }

    [Fact]
    public void Reports_bad_sizes_and_conflicting_limits()
    {
        var result = TempRepo.LoadCompose("""
            services:
              a:
                image: x
                mem_limit: lots
              b:
                image: x
                mem_limit: 1g
                deploy: {resources: {limits: {memory: 2g}}}
            """);
        SpecAssert.Errors(result,
            "compose.yaml:4:16: services.a.mem_limit: 'lots' is not a size; expected a number with an optional unit (b, k, m, g, t), such as 512m, 1.5g or 2GiB",
            "compose.yaml:7:16: services.b.mem_limit: mem_limit and deploy.resources.limits.memory disagree; give the limit once");
    }

    [Fact]
    public void Ignored_keys_warn_with_their_position()
    {
        var result = TempRepo.LoadCompose("services:\n  web:\n    image: x\n    container_name: web\n    labels: [a=b]\n    privileged: false\n");
        Assert.True(result.Succeeded);
        Assert.Equal(
            ["compose.yaml:4:5: services.web.container_name: 'container_name' is ignored: Skiff names containers per environment",
             "compose.yaml:5:5: services.web.labels: 'labels' is ignored: Skiff sets its own labels"],
            result.Warnings.Select(w => w.ToString()));
    }

    [Theory]
    [InlineData("network_mode: host", "compose.yaml:4:5: services.web.network_mode: 'network_mode: host' is not supported: environments are isolated: a service cannot use the host's or another container's network")]
    [InlineData("network_mode: \"service:db\"", "compose.yaml:4:5: services.web.network_mode: 'network_mode: service:db' is not supported: environments are isolated: a service cannot use the host's or another container's network")]
    [InlineData("pid: host", "compose.yaml:4:5: services.web.pid: 'pid: host' is not supported: sharing a process namespace with the host or another container would break isolation")]
    [InlineData("ipc: host", "compose.yaml:4:5: services.web.ipc: 'ipc: host' is not supported: sharing an IPC namespace with the host or another container is not supported")]
    [InlineData("privileged: true", "compose.yaml:4:5: services.web.privileged: 'privileged: true' is not supported: privileged containers would break isolation")]
    [InlineData("devices: [/dev/kvm]", "compose.yaml:4:5: services.web.devices: 'devices' is not supported: host devices would break the environment's isolation")]
    [InlineData("volumes_from: [db]", "compose.yaml:4:5: services.web.volumes_from: 'volumes_from' is not supported: declare a named volume and mount it in both services")]
    [InlineData("runtime: nvidia", "compose.yaml:4:5: services.web.runtime: 'runtime' is not supported: environments run on the engine's default container runtime")]
    [InlineData("userns_mode: host", "compose.yaml:4:5: services.web.userns_mode: 'userns_mode: host' is not supported: sharing the host's user namespace would break isolation")]
    public void Refused_keys_are_errors_naming_the_key(string line, string error) =>
        SpecAssert.Error(TempRepo.LoadCompose($"services:\n  web:\n    image: x\n    {line}\n"), error);

    [Fact]
    public void Unknown_keys_are_errors_with_a_hint()
    {
        var result = TempRepo.LoadCompose("services:\n  web:\n    imgae: nginx\n    flavour: vanilla\n");
        SpecAssert.Errors(result,
            "compose.yaml:3:5: services.web.imgae: unknown key 'imgae' in service 'web' (did you mean 'image'?)",
            "compose.yaml:4:5: services.web.flavour: unknown key 'flavour' in service 'web'",
            "compose.yaml:2:3: services.web: service 'web' has neither 'image' nor 'build'; give one of them");
    }

    [Fact]
    public void Extension_keys_are_ignored_silently()
    {
        var result = TempRepo.LoadCompose("x-common:\n  whatever: ${NOT_SET:?never checked}\nservices:\n  web:\n    image: x\n    x-note: anything\n");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        SpecAssert.NoWarnings(result);
    }

    [Fact]
    public void Wrong_types_are_errors_that_say_what_was_expected()
    {
        var result = TempRepo.LoadCompose("services:\n  web:\n    image: [nginx]\n    environment: 5\n    ports: \"80:80\"\n    healthcheck: yes\n");
        SpecAssert.Errors(result,
            "compose.yaml:3:12: services.web.image: expected an image reference such as postgres:16, found a list",
            "compose.yaml:4:18: services.web.environment: expected a mapping or a list of KEY=VALUE, found a string",
            "compose.yaml:5:12: services.web.ports: expected a list, found a string",
            "compose.yaml:6:18: services.web.healthcheck: expected a mapping, found a string");
    }
}
