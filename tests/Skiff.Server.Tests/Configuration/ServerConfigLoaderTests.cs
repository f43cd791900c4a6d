using Skiff.Core.PullRequests;
using Skiff.Server.Configuration;

namespace Skiff.Server.Tests.Configuration;

public sealed class ServerConfigLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("skiff-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_folder, "skiff-server.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static readonly Dictionary<string, string> Variables = new() { ["SHOP_SECRET"] = "s3cret-value", ["SHOP_TOKEN"] = "ghp_token_value" };

    private static ServerConfig Load(string path) => ServerConfigLoader.Load(path, name => Variables.GetValueOrDefault(name));

    [Fact]
    public void A_full_configuration_loads()
    {
        File.WriteAllText(Path.Combine(_folder, "app.pem"), "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n");
        var config = Load(Write("""
            listen: http://127.0.0.1:7171
            baseDomain: preview.example.com
            maxConcurrentDeploys: 3
            repositories:
              - name: acme/shop
                webhookSecret: env:SHOP_SECRET
                token: env:SHOP_TOKEN
                pullRequests: labelled
                label: deploy-me
                deployForks: true
              - name: acme/blog
                cloneUrl: https://ghe.example.com/acme/blog.git
                apiUrl: https://ghe.example.com/api/v3
                webhookSecret: inline-secret
                app:
                  id: 12
                  installationId: 34
                  privateKey: file:app.pem
            """));

        Assert.Equal("http://127.0.0.1:7171/", config.Listen);
        Assert.Equal("preview.example.com", config.BaseDomain);
        Assert.Equal(3, config.MaxConcurrentDeploys);
        var shop = config.Repositories[0];
        Assert.Equal("acme/shop", shop.FullName);
        Assert.Equal("https://github.com/acme/shop.git", shop.CloneUrl);
        Assert.Equal("s3cret-value", shop.WebhookSecret.Reveal());
        Assert.Equal("ghp_token_value", shop.Token!.Reveal());
        Assert.Equal(new PullRequestRules(PullRequestSelection.Labelled, "deploy-me", DeployForks: true), shop.Rules);
        Assert.Equal(new Uri("https://api.github.com/"), shop.ApiUrl);
        var blog = config.Repositories[1];
        Assert.Equal(new Uri("https://ghe.example.com/api/v3/"), blog.ApiUrl);
        Assert.Equal(12, blog.App!.AppId);
        Assert.Contains("BEGIN PRIVATE KEY", blog.App.PrivateKey.Reveal());
        Assert.Equal(new PullRequestRules(), blog.Rules);
    }

    [Fact]
    public void Cost_control_sections_load()
    {
        var config = Load(Write("""
            environments:
              ttl: 2d
              idle: 45m
              ttlWarning: 1h
              maxTtl: never
              allowNever: true
            capacity:
              maxRunning: 12
              maxReservedMemory: 16GiB
            prices:
              preset: spot
              volumeGibMonth: 0.1
            janitor:
              interval: 10m
              dryRun: true
            repositories:
              - name: acme/shop
                webhookSecret: x
                ttl: never
                idle: 10m
                budget:
                  monthly: 100
                  perAuthor: 25.5
                  policy: refuse
            """));

        Assert.Equal(TimeSpan.FromDays(2), config.Lifetimes!.Ttl);
        Assert.Equal(TimeSpan.FromMinutes(45), config.Lifetimes.Idle);
        Assert.Equal(TimeSpan.MaxValue, config.Lifetimes.MaxTtl);
        Assert.True(config.Lifetimes.AllowNever);
        Assert.Equal(12, config.Capacity!.MaxRunning);
        Assert.Equal(16L << 30, config.Capacity.MaxReservedMemoryBytes);
        Assert.Equal(Skiff.Core.Costs.PriceTable.Spot.VcpuHour, config.Prices!.VcpuHour);
        Assert.Equal(0.1m, config.Prices.VolumeGibMonth);
        Assert.Equal(new JanitorSettings(TimeSpan.FromMinutes(10), DryRun: true), config.Janitor);
        var shop = config.Repositories[0];
        Assert.Equal(TimeSpan.MaxValue, shop.Ttl);
        Assert.Equal(TimeSpan.FromMinutes(10), shop.Idle);
        Assert.Equal(new Skiff.Core.Budgets.BudgetRules(100m, 25.5m, Skiff.Core.Budgets.BudgetPolicy.Refuse), shop.Budget);
    }

    [Theory]
    [InlineData("environments:\n  ttl: forever\n", "environments.ttl: expected a duration such as 30m, 12h or 3d, got 'forever'")]
    [InlineData("capacity:\n  maxReservedMemory: lots\n", "capacity.maxReservedMemory: expected a size such as 512MiB or 16GiB, got 'lots'")]
    [InlineData("prices:\n  preset: cheap\n", "prices.preset: expected on-demand or spot, got 'cheap'")]
    [InlineData("repositories:\n  - name: a/b\n    webhookSecret: x\n    budget:\n      policy: panic\n", "repositories[0].budget.policy: expected warn, suspend or refuse, got 'panic'")]
    public void Cost_control_mistakes_are_named(string yaml, string expected)
    {
        var error = Assert.Throws<ServerConfigException>(() => Load(Write(yaml)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Secrets_never_show_in_their_string_form()
    {
        var config = Load(Write("repositories:\n  - name: acme/shop\n    webhookSecret: env:SHOP_SECRET\n"));

        var text = config.Repositories[0].WebhookSecret.ToString() + config.Repositories[0];
        Assert.DoesNotContain("s3cret-value", text);
        Assert.Contains("env:SHOP_SECRET", text);
    }

    [Theory]
    [InlineData("repositories:\n  - name: acme/shop\n    webhookSecret: env:MISSING\n", "skiff-server.yaml:3:20: repositories[0].webhookSecret: environment variable MISSING is not set or empty")]
    [InlineData("repositories:\n  - name: acme/shop\n", "skiff-server.yaml:2:5: repositories[0]: 'webhookSecret' is required for acme/shop")]
    [InlineData("repositories:\n  - name: shop\n    webhookSecret: x\n", "skiff-server.yaml:2:11: repositories[0].name: expected owner/name, got 'shop'")]
    [InlineData("listen: nowhere\n", "skiff-server.yaml:1:9: listen: expected an absolute http:// or https:// address, got 'nowhere'")]
    [InlineData("maxConcurrentDeploys: lots\n", "skiff-server.yaml:1:23: maxConcurrentDeploys: expected a whole number from 1 to 64, got 'lots'")]
    [InlineData("repositories:\n  - name: acme/shop\n    webhookSecret: x\n    pullRequests: some\n", "skiff-server.yaml:4:19: repositories[0].pullRequests: expected all, labelled or ready, got 'some'")]
    [InlineData("repos: []\n", "skiff-server.yaml:1:1: repos: unknown key (expected one of: listen, baseDomain, runtime, maxConcurrentDeploys, repositories, environments, capacity, prices, janitor)")]
    [InlineData("runtime: kubernetes\n", "skiff-server.yaml:1:10: runtime: 'kubernetes' is not a runtime this server knows (expected docker)")]
    [InlineData("repositories:\n  - name: acme/shop\n    webhookSecret: file:nope.txt\n", "skiff-server.yaml:3:20: repositories[0].webhookSecret: cannot read")]
    [InlineData("listen: [\n", "skiff-server.yaml:2:1: ")]
    public void Mistakes_are_one_line_with_file_line_column_and_key(string yaml, string expected)
    {
        var error = Assert.Throws<ServerConfigException>(() => Load(Write(yaml)));

        Assert.StartsWith(Path.Combine(_folder, expected.Split(':')[0]), error.Message);
        Assert.Contains(expected[(expected.IndexOf(':') + 1)..], error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_repository_listed_twice_is_refused()
    {
        var error = Assert.Throws<ServerConfigException>(() => Load(Write("repositories:\n  - name: acme/shop\n    webhookSecret: a\n  - name: Acme/Shop\n    webhookSecret: b\n")));
        Assert.Contains("listed twice", error.Message);
    }

    [Fact]
    public void The_runtime_is_docker_unless_the_file_says_otherwise()
    {
        Assert.Null(Load(Write("baseDomain: preview.example.com\n")).Runtime);
        Assert.Equal("docker", Load(Write("runtime: docker\n")).Runtime);
        Assert.Equal("docker", new SkiffServerOptions { Home = "/tmp" }.With(Load(Write("baseDomain: x\n"))).Runtime);
    }
}
