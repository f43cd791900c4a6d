using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Skiff.Core.Api;
using Skiff.Server.Costs;
using Skiff.Server.Hosting;
using Skiff.Server.Store;
using Skiff.Server.Tests.EndToEnd;
using Skiff.Tests.Shared;
using Skiff.Server.Configuration;

namespace Skiff.Server.Tests.Costs;

/// <summary>The meter inside a real server on the real engine: samples appear, and the API and <c>/metrics</c> show them.</summary>
[Collection(EngineCollection.Name)]
public sealed class CostMeterServerTests
{
    /// <summary>One idle container with limits and a named volume, from the local base image (nothing to build or pull).</summary>
    private const string Compose = """
        services:
          app:
            image: docker.io/library/debian:bookworm-slim
            command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.2; done"]
            deploy:
              resources:
                limits:
                  cpus: "0.5"
                  memory: 64M
            volumes:
              - data:/data
        volumes:
          data: {}
        """;

    [Fact]
    public async Task A_running_environment_is_sampled_priced_and_exported()
    {
        var home = Directory.CreateTempSubdirectory("skiff-home-").FullName;
        var source = Directory.CreateTempSubdirectory("skiff-cost-app-").FullName;
        await File.WriteAllTextAsync(Path.Combine(source, "compose.yaml"), Compose);
        var name = $"cost-{Guid.NewGuid().ToString("N")[..6]}";
        var options = new SkiffServerOptions { Home = home, Listen = "http://127.0.0.1:0", DockerHost = EngineEndpoint.DockerHost };
        await using var app = SkiffServer.Build(options, services => services.AddSingleton(new CostMeterOptions { Interval = TimeSpan.FromMilliseconds(500) }), quiet: true);
        var address = await SkiffServer.StartAsync(app, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var driver = app.Services.GetRequiredService<Core.Runtime.IContainerEngine>();
        try
        {
            using (var put = await http.PutAsJsonAsync($"api/v1/environments/{name}", new EnvironmentRequest(source), SkiffJson.Options))
                Assert.Equal(HttpStatusCode.Accepted, put.StatusCode);
            await WaitAsync(async () => (await GetEnvironmentAsync(http, name))?.Phase is "Ready" or "Failed", TimeSpan.FromMinutes(3));
            var environment = await GetEnvironmentAsync(http, name);
            Assert.True(environment!.Phase == "Ready", environment.Error?.Message);

            // The hosted meter samples on its own, every 500 ms here.
            var usage = app.Services.GetRequiredService<UsageStore>();
            // Volumes are measured by the engine's disk usage, which a busy shared engine fails now and then: a later pass measures them.
            await WaitAsync(async () => (await ListAsync(usage, name)) is var samples
                && samples.Any(s => s.Service == "app" && s.Running) && samples.Any(s => s.Service == UsageSampler.VolumesService), TimeSpan.FromSeconds(90));
            var sample = (await ListAsync(usage, name)).Last(s => s.Service == "app");
            Assert.Equal(0.5, sample.CpuReserved);
            Assert.Equal(64L << 20, sample.MemoryReservedBytes);
            Assert.InRange(sample.MemoryUsedBytes, 1, 64L << 20);
            Assert.Contains(await ListAsync(usage, name), s => s.Service == UsageSampler.VolumesService);

            var report = await http.GetFromJsonAsync<CostReportDto>("api/v1/cost?by=env&since=1h", SkiffJson.Options);
            var row = Assert.Single(report!.Rows, r => r.Key == name);
            Assert.True(row.RunningHours > 0 && row.VcpuHoursReserved > 0 && row.ReservedCost > 0, JsonSerializer.Serialize(row));
            Assert.Equal("USD", report.Currency);
            var byRepo = await http.GetFromJsonAsync<CostReportDto>("api/v1/cost?by=repo", SkiffJson.Options);
            Assert.Contains(byRepo!.Rows, r => r.Key == Core.Costs.CostGrouping.None);

            var metrics = await http.GetStringAsync("metrics");
            Assert.Contains($"skiff_environment_running{{environment=\"{name}\",service=\"app\"}} 1", metrics);
            Assert.Contains($"skiff_environment_cpu_reserved_cores{{environment=\"{name}\",service=\"app\"}} 0.5", metrics);
            Assert.Contains($"skiff_environment_memory_reserved_bytes{{environment=\"{name}\",service=\"app\"}} {64L << 20}", metrics);
            Assert.Contains($"skiff_environment_volume_bytes{{environment=\"{name}\"}}", metrics);
            Assert.Contains($"skiff_environment_cost_total{{environment=\"{name}\",currency=\"USD\"}}", metrics);
            Assert.Contains("# TYPE skiff_environment_running gauge", metrics);

            // Removed: its cost stays in the month's report, its live series leave /metrics.
            using (var delete = await http.DeleteAsync($"api/v1/environments/{name}"))
                Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
            await WaitAsync(async () => await GetEnvironmentAsync(http, name) is null, TimeSpan.FromMinutes(1));
            await WaitAsync(async () => !(await http.GetStringAsync("metrics")).Contains($"skiff_environment_running{{environment=\"{name}\""), TimeSpan.FromSeconds(10));
            var after = await http.GetFromJsonAsync<CostReportDto>("api/v1/cost", SkiffJson.Options);
            Assert.Contains(after!.Rows, r => r.Key == name);
            Assert.Contains($"skiff_environment_cost_total{{environment=\"{name}\",currency=\"USD\"}}", await http.GetStringAsync("metrics"));
        }
        finally
        {
            await driver.RemoveEnvironmentAsync(name, CancellationToken.None);
            await app.StopAsync();
            TryDelete(home);
            TryDelete(source);
        }
    }

    [Theory]
    [InlineData("by=team", "by: expected env, repo or author")]
    [InlineData("since=yesterday", "since: expected a date")]
    [InlineData("since=2999-01-01", "is in the future")]
    public async Task Bad_parameters_get_400_with_the_reason(string query, string message)
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.Http.GetAsync($"api/v1/cost?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<ApiError>(SkiffJson.Options);
        Assert.Contains(message, error!.Error);
    }

    private static async Task<EnvironmentDto?> GetEnvironmentAsync(HttpClient http, string name)
    {
        using var response = await http.GetAsync($"api/v1/environments/{name}");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<EnvironmentDto>(SkiffJson.Options);
    }

    private static Task<IReadOnlyList<UsageRecord>> ListAsync(UsageStore usage, string name) =>
        usage.ListAsync(name, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, CancellationToken.None);

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not reached within {timeout}");
            await Task.Delay(200);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
