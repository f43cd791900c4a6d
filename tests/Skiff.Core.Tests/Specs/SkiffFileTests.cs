using Skiff.Core.Specs;
using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

public class SkiffFileTests
{
    [Fact]
    public void Reads_every_setting()
    {
        using var repo = new TempRepo();
        repo.Write("db/seed.sql", "select 1;").Write("compose.yaml", "services:\n  web: {image: web}\n  db: {image: postgres}\n").Write("skiff.yaml", """
            public: web
            seed:
              service: db
              file: db/seed.sql
            resources:
              cpu: "1.5"
              memory: 2GiB
            ttl: 3d
            idle: never
            """);
        var settings = repo.LoadOk().Settings;
        Assert.Equal("web", settings.PublicService);
        Assert.Equal(new SourceLocation("skiff.yaml", 1, 9), settings.PublicServiceLocation);
        Assert.Equal("db", settings.Seed!.Service);
        Assert.Equal(repo.PathOf("db/seed.sql"), settings.Seed.File);
        Assert.Equal(SettingsReader.PsqlCommand, settings.Seed.Command);
        Assert.Equal(new ResourceLimits(1.5, 2L * 1024 * 1024 * 1024), settings.Resources with { Location = null });
        Assert.Equal(new Lifetime(TimeSpan.FromDays(3)), settings.Ttl);
        Assert.True(settings.IdleSuspend!.IsNever);
    }

    [Fact]
    public void The_default_psql_seed_command_is_a_literal_shell_string()
    {
        using var repo = new TempRepo();
        repo.Write("seed.sql", "").Write("compose.yaml", "services:\n  db: {image: postgres}\n").Write("skiff.yaml", "seed: {service: db, file: seed.sql}\n");
        var command = repo.LoadOk(new SpecLoadOptions { Variables = new Dictionary<string, string> { ["POSTGRES_USER"] = "must-not-appear" } }).Settings.Seed!.Command;
        Assert.Equal(
            ["sh", "-c", "psql -v ON_ERROR_STOP=1 -U \"${POSTGRES_USER:-postgres}\" -d \"${POSTGRES_DB:-${POSTGRES_USER:-postgres}}\""],
            command.ToArray());
    }

    [Fact]
    public void Other_seed_files_run_with_sh_unless_a_command_is_given()
    {
        using var repo = new TempRepo();
        repo.Write("seed.sh", "").Write("seed.js", "").Write("compose.yaml", "services:\n  db: {image: mongo}\n");
        repo.Write("skiff.yaml", "seed: {service: db, file: seed.sh}\n");
        Assert.Equal(["sh"], repo.LoadOk().Settings.Seed!.Command.ToArray());
        repo.Write("skiff.yaml", "seed:\n  service: db\n  file: seed.js\n  command: mongosh --quiet app\n");
        Assert.Equal(["mongosh", "--quiet", "app"], repo.LoadOk().Settings.Seed!.Command.ToArray());
        repo.Write("skiff.yaml", "seed:\n  service: db\n  file: seed.js\n  command: [mongosh, \"$$DB\"]\n");
        Assert.Equal(["mongosh", "$DB"], repo.LoadOk().Settings.Seed!.Command.ToArray());
    }

    [Fact]
    public void Skiff_yaml_wins_over_x_skiff_key_by_key()
    {
        using var repo = new TempRepo();
        repo.Write("compose.yaml", """
            x-skiff:
              public: api
              ttl: 1d
              idle: 30m
            services:
              web: {image: web}
              api: {image: api}
            """).Write("skiff.yaml", "ttl: 12h\n");
        var settings = repo.LoadOk().Settings;
        Assert.Equal("api", settings.PublicService);
        Assert.Equal(TimeSpan.FromHours(12), settings.Ttl!.Duration);
        Assert.Equal(TimeSpan.FromMinutes(30), settings.IdleSuspend!.Duration);
    }

    [Fact]
    public void Without_a_compose_file_skiff_yaml_is_the_whole_app()
    {
        using var repo = new TempRepo();
        repo.Context("web").Write("skiff.yaml", """
            public: web
            services:
              web:
                build: ./web
                ports: ["8080"]
                volumes: [data:/data]
                secrets: [token]
            volumes:
              data:
            secrets:
              token:
                file: ./token.txt
            """).Write("token.txt", "t");
        var spec = repo.LoadOk();
        Assert.Equal("app", spec.Name);
        Assert.Equal(["web"], spec.Services.Select(s => s.Name));
        Assert.Equal(repo.PathOf("web"), spec.FindService("web")!.Build!.Context);
        Assert.Equal(repo.PathOf("token.txt"), spec.FindService("web")!.Files[0].SourcePath);
    }

    [Fact]
    public void The_compose_key_names_the_compose_file_relative_to_skiff_yaml()
    {
        using var repo = new TempRepo();
        repo.Write("deploy/stack.yml", "services:\n  web:\n    image: web:${TAG}\n").Write("deploy/.env", "TAG=5\n").Write("skiff.yaml", "compose: deploy/stack.yml\n");
        var spec = repo.LoadOk();
        Assert.Equal("web:5", spec.FindService("web")!.Image);
        Assert.Equal([repo.PathOf("skiff.yaml"), repo.PathOf("deploy/.env"), repo.PathOf("deploy/stack.yml")], spec.Files.ToArray());
    }

    [Fact]
    public void A_missing_compose_file_is_reported_at_the_compose_key()
    {
        using var repo = new TempRepo();
        var result = repo.Write("skiff.yaml", "compose: nothere.yaml\n").Load();
        SpecAssert.Error(result, $"skiff.yaml:1:10: compose: the Compose file named by 'compose:' 'nothere.yaml' does not exist (looked for '{repo.PathOf("nothere.yaml")}')");
    }

    [Fact]
    public void Unknown_keys_list_the_known_ones()
    {
        using var repo = new TempRepo();
        var result = repo.Write("compose.yaml", "services:\n  web: {image: x}\n").Write("skiff.yaml", "pubic: web\nx-anchors: {}\n").Load();
        SpecAssert.Error(result,
            "skiff.yaml:1:1: pubic: unknown key 'pubic' in skiff.yaml; expected one of: compose, public, seed, resources, ttl, idle, profiles, services, volumes, secrets, configs (did you mean 'public'?)");
    }

    [Theory]
    [InlineData("ttl: 3 days", "skiff.yaml:1:6: ttl: '3 days' is not a duration; expected a number with a unit (ms, s, m, h, d, w), such as 30s, 1m30s or 12h")]
    [InlineData("ttl: 0", "skiff.yaml:1:6: ttl: expected a positive duration such as 3d or 12h, or never")]
    [InlineData("idle: [1h]", "skiff.yaml:1:7: idle: expected a duration such as 3d or 12h, or never, found a list")]
    [InlineData("resources: {cpu: many}", "skiff.yaml:1:18: resources.cpu: expected a positive number of CPU cores such as 2 or \"1.5\", found 'many'")]
    [InlineData("resources: {memory: 2 gigs}", "skiff.yaml:1:21: resources.memory: '2 gigs' is not a size; expected a number with an optional unit (b, k, m, g, t), such as 512m, 1.5g or 2GiB")]
    [InlineData("resources: {disk: 1g}", "skiff.yaml:1:13: resources.disk: unknown key 'disk' in resources; expected cpu or memory")]
    [InlineData("seed: {service: web}", "skiff.yaml:1:7: seed: seed needs 'file', the path of the seed file")]
    [InlineData("seed: db.sql", "skiff.yaml:1:7: seed: expected a mapping with 'service' and 'file', found a string")]
    [InlineData("public: [web]", "skiff.yaml:1:9: public: expected the name of the service that answers at the environment's URL, found a list")]
    public void Reports_bad_settings_where_they_are(string line, string error)
    {
        using var repo = new TempRepo();
        var result = repo.Write("compose.yaml", "services:\n  web: {image: x}\n").Write("skiff.yaml", line + "\n").Load(TempRepo.NoVariables with { CheckFilesExist = false });
        SpecAssert.Error(result, error);
    }

    [Fact]
    public void Unknown_x_skiff_keys_are_errors()
    {
        var result = TempRepo.LoadCompose("x-skiff:\n  public: web\n  ttl_hours: 3\nservices:\n  web: {image: x}\n");
        SpecAssert.Error(result, "compose.yaml:3:3: x-skiff.ttl_hours: unknown key 'ttl_hours' in x-skiff; expected one of: public, seed, resources, ttl, idle, profiles");
    }

    [Fact]
    public void Skiff_yaml_is_interpolated_too()
    {
        using var repo = new TempRepo();
        repo.Write("compose.yaml", "services:\n  web: {image: x}\n").Write(".env", "TTL=2h\n").Write("skiff.yaml", "ttl: ${TTL}\npublic: ${PUBLIC:-web}\n");
        var settings = repo.LoadOk().Settings;
        Assert.Equal(TimeSpan.FromHours(2), settings.Ttl!.Duration);
        Assert.Equal("web", settings.PublicService);
    }
}
