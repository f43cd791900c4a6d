using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Skiff.Core.Api;
using Skiff.Core.Runtime;
using Skiff.Server.Hosting;
using Skiff.Server.Configuration;

namespace Skiff.Tests.Shared;

/// <summary>A real <c>skiff serve</c> on 127.0.0.1 with a random port, its own SKIFF_HOME and the real engine.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private WebApplication _app = null!;

    public string Home { get; }

    public Uri Address { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IContainerEngine Driver => _app.Services.GetRequiredService<IContainerEngine>();

    private TestServer(string home) => Home = home;

    private Func<SkiffServerOptions, SkiffServerOptions> _adjust = o => o;

    public IServiceProvider Services => _app.Services;

    /// <param name="adjust">Changes to the options (repositories, for instance).</param>
    public static async Task<TestServer> StartAsync(string? home = null, Func<SkiffServerOptions, SkiffServerOptions>? adjust = null)
    {
        var server = new TestServer(home ?? Directory.CreateTempSubdirectory("skiff-home-").FullName);
        if (adjust is not null)
            server._adjust = adjust;
        await server.StartAppAsync();
        return server;
    }

    private async Task StartAppAsync()
    {
        // Tests share one engine: a janitor pass would take other tests' environments for orphans.
        var options = _adjust(new SkiffServerOptions
        {
            Home = Home,
            Listen = "http://127.0.0.1:0",
            DockerHost = EngineEndpoint.DockerHost,
            Janitor = new Skiff.Server.Configuration.JanitorSettings(TimeSpan.FromDays(1)),
        });
        _app = SkiffServer.Build(options);
        Address = await SkiffServer.StartAsync(_app, CancellationToken.None);
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Stops the server and starts a new one on the same SKIFF_HOME (as after a restart).</summary>
    public async Task RestartAsync()
    {
        await StopAppAsync();
        await StartAppAsync();
    }

    public async Task<EnvironmentDto> PutAsync(string name, string source)
    {
        using var response = await Http.PutAsJsonAsync($"api/v1/environments/{name}", new EnvironmentRequest(source), SkiffJson.Options);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<EnvironmentDto>(SkiffJson.Options))!;
    }

    public async Task<EnvironmentDto?> GetAsync(string name)
    {
        using var response = await Http.GetAsync($"api/v1/environments/{name}");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<EnvironmentDto>(SkiffJson.Options);
    }

    /// <summary>PUTs the source and waits until that generation is Ready or Failed.</summary>
    public async Task<EnvironmentDto> UpAsync(string name, string source, TimeSpan? timeout = null)
    {
        var accepted = await PutAsync(name, source);
        return await WaitForGenerationAsync(name, accepted.Generation, timeout ?? TimeSpan.FromMinutes(10));
    }

    public async Task<EnvironmentDto> WaitForGenerationAsync(string name, long generation, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var environment = await GetAsync(name) ?? throw new InvalidOperationException($"{name} disappeared");
            if (environment.ObservedGeneration >= generation && environment.Phase is "Ready" or "Failed")
                return environment;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{name} not done after {timeout}: {environment.Phase}");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until that generation is observed in <paramref name="phase"/> (or Failed, which fails the wait).</summary>
    public async Task<EnvironmentDto> WaitForPhaseAsync(string name, long generation, string phase, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            var environment = await GetAsync(name) ?? throw new InvalidOperationException($"{name} disappeared");
            if (environment.ObservedGeneration >= generation && environment.Phase == phase)
                return environment;
            if (environment.ObservedGeneration >= generation && environment.Phase == "Failed")
                throw new InvalidOperationException($"{name} failed: {environment.Error?.Message}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{name} not {phase} after {timeout}: {environment.Phase}");
            await Task.Delay(100);
        }
    }

    /// <summary>POSTs suspend and waits until the environment is Suspended (containers stopped, volumes kept).</summary>
    public async Task<EnvironmentDto> SuspendAsync(string name)
    {
        using var response = await Http.PostAsync($"api/v1/environments/{name}/suspend", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<EnvironmentDto>(SkiffJson.Options))!;
        return await WaitForPhaseAsync(name, accepted.Generation, "Suspended");
    }

    public async Task DownAsync(string name, TimeSpan? timeout = null)
    {
        using var response = await Http.DeleteAsync($"api/v1/environments/{name}");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (await GetAsync(name) is not null)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{name} still there");
            await Task.Delay(200);
        }
    }

    /// <summary>A request through the router, as a browser would send it to http://&lt;host&gt;:port/ (see <see cref="EnvironmentPage"/>).</summary>
    public Task<(HttpStatusCode Status, string Body)> BrowseAsync(string host, string path = "/") =>
        EnvironmentPage.GetAsync(Http, Address, host, path);

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StopAppAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
