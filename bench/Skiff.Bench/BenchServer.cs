using Microsoft.AspNetCore.Builder;
using Skiff.Server.Configuration;
using Skiff.Server.Hosting;

namespace Skiff.Bench;

/// <summary>A real Skiff server in this process, on a loopback port, with its own SKIFF_HOME, serving one repository.</summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public Uri Address { get; }

    public string Home { get; }

    private BenchServer(WebApplication app, Uri address, string home)
    {
        _app = app;
        Address = address;
        Home = home;
    }

    public static async Task<BenchServer> StartAsync(string cloneUrl, string secret, bool runReconciler = true)
    {
        var home = Directory.CreateTempSubdirectory("skiff-bench-home-").FullName;
        var options = new SkiffServerOptions
        {
            Home = home,
            Listen = "http://127.0.0.1:0",
            DockerHost = Skiff.Tests.Shared.EngineEndpoint.DockerHost,
            RunReconciler = runReconciler,
            Repositories =
            [
                new RepositoryConfig
                {
                    FullName = "acme/shop",
                    CloneUrl = cloneUrl,
                    WebhookSecret = new SecretValue(secret, "bench"),
                },
            ],
        };
        var app = SkiffServer.Build(options, quiet: true);
        var address = await SkiffServer.StartAsync(app, CancellationToken.None);
        return new BenchServer(app, address, home);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(Home, recursive: true);
    }
}
