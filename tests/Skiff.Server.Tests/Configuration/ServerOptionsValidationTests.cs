using Microsoft.Extensions.Options;
using Skiff.Server.Configuration;
using Skiff.Server.Hosting;

namespace Skiff.Server.Tests.Configuration;

/// <summary>Options the server cannot honour stop it at start, before the store or the engine is touched, with every problem named.</summary>
public sealed class ServerOptionsValidationTests
{
    private static readonly SkiffServerOptions Good = new() { Home = "/tmp/skiff-options-test" };

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(SkiffServerOptionsValidator.Problems(Good));

    [Theory]
    [InlineData("home", "home: 'relative/home' is not an absolute path (SKIFF_HOME)")]
    [InlineData("listen", "listen: 'tcp://0.0.0.0:7070' is not an absolute http:// or https:// address")]
    [InlineData("baseDomain", "baseDomain: 'preview example.com' is not a host name (DNS labels joined by dots, such as preview.example.com)")]
    [InlineData("runtime", "runtime: 'nomad' is not a runtime this server knows (expected docker)")]
    [InlineData("maxConcurrentDeploys", "maxConcurrentDeploys: 0 is not a whole number from 1 to 64")]
    [InlineData("maxTtl", "environments: maxTtl (1.00:00:00) is shorter than ttl (3.00:00:00)")]
    public void Each_problem_is_named(string key, string expected)
    {
        var options = key switch
        {
            "home" => Good with { Home = "relative/home" },
            "listen" => Good with { Listen = "tcp://0.0.0.0:7070" },
            "baseDomain" => Good with { BaseDomain = "preview example.com" },
            "runtime" => Good with { Runtime = "nomad" },
            "maxConcurrentDeploys" => Good with { MaxConcurrentDeploys = 0 },
            _ => Good with { Lifetimes = new Core.Lifetimes.LifetimeSettings { MaxTtl = TimeSpan.FromDays(1) } },
        };

        Assert.Equal([expected], SkiffServerOptionsValidator.Problems(options));
    }

    [Fact]
    public async Task A_server_with_bad_options_does_not_start_and_touches_nothing()
    {
        var home = Directory.CreateTempSubdirectory("skiff-bad-options-").FullName;
        try
        {
            await using var app = SkiffServer.Build(new SkiffServerOptions { Home = home, Listen = "http://127.0.0.1:0", BaseDomain = "bad_domain", MaxConcurrentDeploys = 100 });

            var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => SkiffServer.StartAsync(app, CancellationToken.None));

            Assert.Equal(2, refused.Failures.Count());
            Assert.Contains(refused.Failures, f => f.StartsWith("baseDomain: 'bad_domain'", StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(home, "skiff.db")), "the store was created before the options were checked");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
