using System.Collections.Immutable;
using Skiff.Core.Specs;

namespace Skiff.Core.Tests.Fakes;

/// <summary>A three-service app (web → api → db) with real build contexts in a temporary folder.</summary>
internal sealed class TestApp : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("skiff-app-").FullName;

    public TestApp()
    {
        foreach (var service in new[] { "web", "api", "db" })
        {
            Directory.CreateDirectory(Path.Combine(Root, service));
            File.WriteAllText(Path.Combine(Root, service, "Dockerfile"), $"FROM debian:bookworm-slim\nCOPY . /{service}\n");
            File.WriteAllText(Path.Combine(Root, service, "main.py"), $"print('{service} v1')\n");
        }
        File.WriteAllText(Path.Combine(Root, "seed.sql"), "INSERT INTO products VALUES (1, 'tote');\n");
    }

    public void Change(string service, string text) => File.WriteAllText(Path.Combine(Root, service, "main.py"), text);

    public AppSpec Spec(Func<ServiceSpec, ServiceSpec>? adjust = null)
    {
        adjust ??= s => s;
        return new AppSpec
        {
            Name = "shop",
            SourceDirectory = Root,
            Services =
            [
                adjust(new ServiceSpec
                {
                    Name = "web",
                    Build = new BuildSpec { Context = Path.Combine(Root, "web") },
                    Ports = [new PortSpec(8080, 8080)],
                    DependsOn = [new DependencySpec("api")],
                }),
                adjust(new ServiceSpec
                {
                    Name = "api",
                    Build = new BuildSpec { Context = Path.Combine(Root, "api") },
                    Expose = [8000],
                    DependsOn = [new DependencySpec("db", DependencyCondition.Healthy)],
                }),
                adjust(new ServiceSpec
                {
                    Name = "db",
                    Build = new BuildSpec { Context = Path.Combine(Root, "db") },
                    Mounts = [new MountSpec(MountType.Volume, "db-data", "/var/lib/postgresql/data")],
                    HealthCheck = new HealthCheckSpec { Test = ["pg_isready"], Interval = TimeSpan.FromMilliseconds(10), Retries = 2 },
                }),
            ],
            Volumes = [new VolumeSpec("db-data")],
            Settings = new SkiffSettings
            {
                PublicService = "web",
                Seed = new SeedSpec { Service = "db", File = Path.Combine(Root, "seed.sql"), Command = ["psql"] },
            },
        };
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
