using Skiff.Core.Specs;
using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

/// <summary>Override files and skiff.yaml's services: merged as the Compose specification says.</summary>
public class ComposeMergeTests
{
    private const string Base = """
        services:
          web:
            image: app:1
            command: ["serve", "--port", "80"]
            environment:
              A: base
              B: base
            ports: ["8080:80", "9229"]
            volumes: ["./src:/app", "cache:/cache"]
            depends_on: [db]
            healthcheck:
              test: ["CMD", "true"]
              interval: 10s
            build:
              context: .
              args: [X=1, Y=1]
          db:
            image: postgres
        volumes:
          cache:
        """;

    [Fact]
    public void The_override_file_beside_compose_yaml_is_merged_key_by_key()
    {
        using var repo = new TempRepo();
        repo.Context(".").Context("other").Write("compose.yaml", Base).Write("compose.override.yaml", """
            services:
              web:
                image: app:2
                command: serve --debug
                environment:
                  - B=override
                  - C=new
                ports: ["8080:80", "3000:3000"]
                volumes: ["./other:/app"]
                depends_on:
                  cache:
                    condition: service_started
                healthcheck:
                  test: ["CMD", "false"]
                build:
                  args: {Y: 2}
              cache:
                image: redis
            """);
        var spec = repo.LoadOk();
        var web = spec.FindService("web")!;
        Assert.Equal("app:2", web.Image);
        Assert.Equal(["serve", "--debug"], web.Command!.Value.ToArray());
        Assert.Equal(new Dictionary<string, string> { ["A"] = "base", ["B"] = "override", ["C"] = "new" }, web.Environment);
        Assert.Equal([(80, 8080), (9229, null), (3000, 3000)], web.Ports.Select(p => (p.ContainerPort, p.HostPort)));
        Assert.Equal([(repo.PathOf("other"), "/app"), ("cache", "/cache")], web.Mounts.Select(m => (m.Source, m.Target)));
        Assert.Equal(["db", "cache"], web.DependsOn.Select(d => d.Service));
        Assert.Equal(["false"], web.HealthCheck!.Test.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(10), web.HealthCheck.Interval);
        Assert.Equal(new Dictionary<string, string> { ["X"] = "1", ["Y"] = "2" }, web.Build!.Args);
        Assert.Equal(["web", "db", "cache"], spec.Services.Select(s => s.Name));
        Assert.Equal([repo.PathOf("compose.yaml"), repo.PathOf("compose.override.yaml")], spec.Files.ToArray());
    }

    [Fact]
    public void Reset_and_override_tags_remove_or_replace_values()
    {
        using var repo = new TempRepo();
        repo.Context(".").Write("compose.yaml", Base).Write("compose.override.yaml", """
            services:
              web:
                ports: !override ["5000:5000"]
                environment: !reset
                depends_on: !reset []
                healthcheck: !reset
            """);
        var web = repo.LoadOk().FindService("web")!;
        Assert.Equal([5000], web.Ports.Select(p => p.ContainerPort));
        Assert.Empty(web.Environment);
        Assert.Empty(web.DependsOn);
        Assert.Null(web.HealthCheck);
    }

    [Fact]
    public void Paths_in_the_override_file_resolve_against_the_project_folder()
    {
        using var repo = new TempRepo();
        repo.Context("deploy/app").Write("deploy/compose.yaml", "services:\n  web:\n    image: x\n")
            .Write("deploy/docker-compose.override.yml", "services:\n  web:\n    build: ./app\n");
        var spec = repo.LoadOk(TempRepo.NoVariables with { ComposeFile = "deploy/compose.yaml" });
        Assert.Null(spec.FindService("web")!.Build); // an explicit Compose file takes no override file, as with docker compose -f

        using var discovered = new TempRepo();
        discovered.Context("app").Write("docker-compose.yml", "services:\n  web:\n    image: x\n")
            .Write("docker-compose.override.yml", "services:\n  web:\n    build: ./app\n");
        Assert.Equal(discovered.PathOf("app"), discovered.LoadOk().FindService("web")!.Build!.Context);
    }

    [Fact]
    public void Skiff_yaml_services_are_merged_over_the_compose_file()
    {
        using var repo = new TempRepo();
        repo.Context(".").Write("compose.yaml", Base).Write("skiff.yaml", """
            public: web
            services:
              web:
                environment:
                  A: preview
                ports: !override ["8000:80"]
              mailhog:
                image: mailhog/mailhog
            """);
        var spec = repo.LoadOk();
        var web = spec.FindService("web")!;
        Assert.Equal("preview", web.Environment["A"]);
        Assert.Equal("base", web.Environment["B"]);
        Assert.Equal([(80, 8000)], web.Ports.Select(p => (p.ContainerPort, p.HostPort)));
        Assert.Equal(["web", "db", "mailhog"], spec.Services.Select(s => s.Name));
        Assert.Equal("web", spec.Settings.PublicService);
    }

    [Fact]
    public void Errors_in_an_override_point_at_the_override_file()
    {
        using var repo = new TempRepo();
        repo.Context(".").Write("compose.yaml", Base).Write("compose.override.yml", "services:\n  web:\n    ports: [\"not-a-port\"]\n");
        var error = Assert.Single(repo.Load().Errors);
        Assert.StartsWith("compose.override.yml:3:13: services.web.ports[2]: 'not-a-port' is not a port", error.ToString());
    }
}
