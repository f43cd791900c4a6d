using Skiff.Core.Specs;
using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

/// <summary>
/// Every sample of docker/awesome-compose (only their Compose files are kept, so file checks are
/// off) either loads, or fails only with positioned errors naming the key Skiff refuses, exactly
/// as listed here.
/// </summary>
public class AwesomeComposeCorpusTests
{
    private static readonly SpecLoadOptions Options = new() { Variables = new Dictionary<string, string>(), CheckFilesExist = false };

    /// <summary>The expected errors of each sample; an empty list means it loads.</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["angular/compose.yaml"] = [],
        ["apache-php/compose.yaml"] = [],
        ["aspnet-mssql/compose.yaml"] = [],
        ["django/compose.yaml"] = [],
        ["fastapi/compose.yaml"] = [],
        ["flask-redis/compose.yaml"] = [],
        ["flask/compose.yaml"] = [],
        ["minecraft/compose.yaml"] =
        [
            "compose.yaml:13:8: services.minecraft.volumes[0]: cannot bind '~/minecraft_data': '~/minecraft_data' is in a home folder, outside the repository; use a path inside the repository",
        ],
        ["nextcloud-postgres/compose.yaml"] = [],
        ["nginx-aspnet-mysql/compose.yaml"] = [],
        ["nginx-flask-mongo/compose.yaml"] = [],
        ["nginx-flask-mysql/compose.yaml"] = [],
        ["nginx-golang-mysql/compose.yaml"] = [],
        ["nginx-golang/compose.yaml"] = [],
        ["nginx-nodejs-redis/compose.yaml"] = [],
        ["nginx-wsgi-flask/compose.yaml"] = [],
        ["plex/compose.yaml"] =
        [
            "compose.yaml:5:5: services.plex.network_mode: 'network_mode: host' is not supported: environments are isolated: a service cannot use the host's or another container's network",
            "compose.yaml:10:9: services.plex.volumes[0]: ':/media/' has an empty source (is a variable unset?); expected SOURCE:TARGET such as \"./src:/app\"",
        ],
        ["portainer/compose.yaml"] =
        [
            "compose.yaml:9:9: services.portainer.volumes: mounting the engine socket '/var/run/docker.sock' is refused: it would give the environment control of the host",
        ],
        ["postgresql-pgadmin/compose.yaml"] = [],
        ["react-express-mongodb/compose.yaml"] = [],
        ["react-express-mysql/compose.yaml"] = [],
        ["react-nginx/compose.yaml"] = [],
        ["sparkjava/compose.yaml"] = [],
        ["vuejs/compose.yaml"] = [],
        ["wasmedge-mysql-nginx/compose.yml"] =
        [
            "compose.yml:20:5: services.backend.runtime: 'runtime' is not supported: environments run on the engine's default container runtime",
        ],
        ["wireguard/compose.yaml"] =
        [
            "compose.yaml:20:9: services.wireguard.volumes: the bind mount source '/usr/share/appdata/wireguard/config' is outside the repository; Skiff binds only paths inside the repository (use a named volume for data)",
            "compose.yaml:21:9: services.wireguard.volumes: the bind mount source '/usr/src' is outside the repository; Skiff binds only paths inside the repository (use a named volume for data)",
            "compose.yaml:22:9: services.wireguard.volumes: the bind mount source '/lib/modules' is outside the repository; Skiff binds only paths inside the repository (use a named volume for data)",
        ],
    };

    private static SpecLoadResult Load(string sample, SpecLoadOptions? options = null) =>
        SpecLoader.LoadFile(Path.Combine(Fixtures.AwesomeCompose, sample), options ?? Options);

    public static TheoryData<string> Samples() => [.. CorpusAssert.ComposeFiles(Fixtures.AwesomeCompose)];

    [Fact]
    public void The_expectations_cover_every_compose_file_of_the_corpus() =>
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), CorpusAssert.ComposeFiles(Fixtures.AwesomeCompose));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_loads_or_fails_with_the_expected_positioned_errors(string sample)
    {
        var result = Load(sample);
        CorpusAssert.WellFormed(result, Path.GetDirectoryName(Path.Combine(Fixtures.AwesomeCompose, sample))!, sample);
        Assert.Equal(Expected[sample], CorpusAssert.Lines(result.Errors));
        Assert.NotNull(result.Spec);
        Assert.NotEmpty(result.Spec!.Services);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void With_file_checks_the_only_new_errors_are_the_missing_build_contexts_and_files(string sample)
    {
        var result = Load(sample, Options with { CheckFilesExist = true });
        CorpusAssert.WellFormed(result, Path.GetDirectoryName(Path.Combine(Fixtures.AwesomeCompose, sample))!, sample);
        var added = CorpusAssert.Lines(result.Errors).Except(Expected[sample]).ToList();
        Assert.All(added, error => Assert.Matches(
            @"(the build context folder '[^']+' does not exist|the Dockerfile '[^']+' does not exist; add it or name another with build.dockerfile|the secret file 'db/password.txt' does not exist)$",
            error));
        var builds = result.Spec!.Services.Count(s => s.Build is not null);
        Assert.True(added.Count >= Math.Min(builds, 1), $"{sample}: {builds} builds but no missing-context error");
    }

    [Fact]
    public void Nginx_flask_mysql_is_read_exactly()
    {
        var result = Load("nginx-flask-mysql/compose.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var spec = result.Spec!;
        var folder = Path.Combine(Fixtures.AwesomeCompose, "nginx-flask-mysql");
        Assert.Equal("nginx-flask-mysql", spec.Name);
        Assert.Equal(["db", "backend", "proxy"], spec.Services.Select(s => s.Name));

        var db = spec.FindService("db")!;
        Assert.Equal("mariadb:10-focal", db.Image);
        Assert.Equal(["--default-authentication-plugin=mysql_native_password"], db.Command!.Value.ToArray());
        Assert.Equal("always", db.Restart);
        Assert.Equal(["sh", "-c", "mysqladmin ping -h 127.0.0.1 --password=\"$(cat /run/secrets/db-password)\" --silent"], db.HealthCheck!.Test.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(3), db.HealthCheck.Interval);
        Assert.Equal(5, db.HealthCheck.Retries);
        Assert.Equal(TimeSpan.FromSeconds(30), db.HealthCheck.StartPeriod);
        Assert.Equal([new MountSpec(MountType.Volume, "db-data", "/var/lib/mysql")], db.Mounts.Select(m => m with { Location = null }));
        Assert.Equal([new FileMountSpec(FileMountKind.Secret, "db-password", Path.Combine(folder, "db/password.txt"), "/run/secrets/db-password")],
            db.Files.Select(f => f with { Location = null, DefinitionLocation = null }));
        Assert.Equal(new Dictionary<string, string> { ["MYSQL_DATABASE"] = "example", ["MYSQL_ROOT_PASSWORD_FILE"] = "/run/secrets/db-password" }, db.Environment);
        Assert.Equal([3306, 33060], db.Expose.ToArray());
        Assert.Empty(db.Ports);

        var backend = spec.FindService("backend")!;
        Assert.Equal(new BuildSpec { Context = Path.Combine(folder, "backend"), Target = "builder" }, backend.Build! with { Location = null });
        Assert.Equal([new PortSpec(8000, 8000)], backend.Ports.Select(p => p with { Location = null }));
        Assert.Equal([new DependencySpec("db", DependencyCondition.Healthy)], backend.DependsOn.Select(d => d with { Location = null }));

        var proxy = spec.FindService("proxy")!;
        Assert.Equal(Path.Combine(folder, "proxy"), proxy.Build!.Context);
        Assert.Equal([new PortSpec(80, 80)], proxy.Ports.Select(p => p with { Location = null }));
        Assert.Equal([new DependencySpec("backend")], proxy.DependsOn.Select(d => d with { Location = null }));
        Assert.Equal(["db-data"], spec.Volumes.Select(v => v.Name));
        Assert.Equal("backend", spec.ResolvePublicService());

        Assert.Contains("compose.yaml:60:1: networks: top-level networks are ignored: every environment gets one private network", CorpusAssert.Lines(result.Warnings));
        Assert.Contains("compose.yaml:18:5: services.db.networks: 'networks' is ignored: every environment gets one private network where services reach each other by name",
            CorpusAssert.Lines(result.Warnings));
    }

    [Fact]
    public void Other_samples_keep_their_details()
    {
        var express = Load("react-express-mysql/compose.yaml").Spec!.FindService("backend")!;
        Assert.Equal(new Dictionary<string, string> { ["NODE_ENV"] = "development" }, express.Build!.Args);
        Assert.Equal("development", express.Build.Target);
        Assert.Equal(["npm", "run", "start-watch"], express.Command!.Value.ToArray());
        Assert.Equal([80, 9229, 9230], express.Ports.Select(p => p.ContainerPort));
        Assert.True(express.Mounts[0].ReadOnly);

        var golang = Load("nginx-golang/compose.yaml").Spec!.FindService("proxy")!;
        Assert.Equal(new MountSpec(MountType.Bind, Path.Combine(Fixtures.AwesomeCompose, "nginx-golang/proxy/nginx.conf"), "/etc/nginx/conf.d/default.conf", true),
            golang.Mounts[0] with { Location = null });

        var minecraft = Load("minecraft/compose.yaml").Spec!.FindService("minecraft")!;
        Assert.Equal((long)(1.5 * 1024 * 1024 * 1024), minecraft.Resources.MemoryBytes);

        var fastapi = Load("fastapi/compose.yaml");
        Assert.Equal("no", fastapi.Spec!.FindService("api")!.Restart);
        Assert.Equal("8000", fastapi.Spec.FindService("api")!.Environment["PORT"]);
        Assert.Equal(["compose.yaml:6:5: services.api.container_name: 'container_name' is ignored: Skiff names containers per environment"],
            CorpusAssert.Lines(fastapi.Warnings));

        var mongo = Load("nginx-flask-mongo/compose.yaml").Spec!.FindService("web")!;
        Assert.Equal(["/bin/bash", "-c", "envsubst < /tmp/nginx.conf > /etc/nginx/conf.d/default.conf && nginx -g 'daemon off;'"], mongo.Command!.Value.ToArray());

        var wireguard = Load("wireguard/compose.yaml").Spec!.FindService("wireguard")!;
        Assert.Equal([new PortSpec(51820, 51820, "udp")], wireguard.Ports.Select(p => p with { Location = null }));

        var pgadmin = Load("postgresql-pgadmin/compose.yaml");
        Assert.Equal("", pgadmin.Spec!.FindService("postgres")!.Environment["POSTGRES_USER"]);
        Assert.Contains("compose.yaml:6:9: services.postgres.environment[0]: variable 'POSTGRES_USER' is not set; using an empty string (set it, or give a default with ${POSTGRES_USER:-default})",
            CorpusAssert.Lines(pgadmin.Warnings));
        Assert.Equal("pgadmin", pgadmin.Spec.ResolvePublicService());
    }
}
