using System.Diagnostics;
using System.Net.Http.Json;
using Skiff.Core.Api;
using Skiff.Tests.Shared;

namespace Skiff.Bench;

/// <summary>
/// PR environments end to end: from a signed <c>opened</c> delivery accepted to the environment
/// serving the PR's commit (cold: a new environment; images of unchanged services are present from
/// earlier rounds, as on a server that has seen the repository), and from a <c>synchronize</c> with
/// one service changed to the environment serving the new commit. Real git, real engine.
/// </summary>
internal static class PullRequestBench
{
    private const string Secret = "bench-webhook-secret";

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = WebhookIngestBench.Option(args, "--rounds", 3);
        await using var repository = await GitRepositoryFixture.CreateAsync();
        await using var server = await BenchServer.StartAsync(repository.CloneUrl, Secret);
        var deliveries = new WebhookDeliveries("acme", "shop", Secret);
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };

        Console.WriteLine($"PR environment benchmark: examples/shop from a real git repository, {rounds} rounds, {Environment.ProcessorCount} cores");
        // Markers unique to this run: a web image from an earlier run must not be reused.
        var run = Guid.NewGuid().ToString("N")[..6];
        var opened = new List<double>();
        var synchronized = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var number = 100 + round;
            var environment = $"shop-pr-{number}";
            var first = await PushAsync(repository, number, $"bench {run} {round} a");
            opened.Add(await TimeToShaAsync(http, deliveries, "opened", number, first, environment));
            await ExpectPageAsync(http, environment, $"bench {run} {round} a");
            var second = await PushAsync(repository, number, $"bench {run} {round} b");
            synchronized.Add(await TimeToShaAsync(http, deliveries, "synchronize", number, second, environment));
            await ExpectPageAsync(http, environment, $"bench {run} {round} b");
            using (await WebhookDeliveries.SendAsync(http, "pull_request", deliveries.PullRequest("closed", number, second), Secret)) { }
            await WaitGoneAsync(http, environment);
            Console.WriteLine($"round {round}: opened -> ready {opened[^1]:0.00} s, synchronize -> updated {synchronized[^1]:0.00} s");
        }
        Console.WriteLine($"median: opened -> ready {Percentiles.Of(opened, 50):0.00} s, synchronize (web changed) -> updated {Percentiles.Of(synchronized, 50):0.00} s");
        return 0;
    }

    private static async Task<string> PushAsync(GitRepositoryFixture repository, int number, string marker)
    {
        var sha = await repository.CommitAsync(marker, tree =>
        {
            var template = Path.Combine(tree, "web", "templates", "index.html");
            File.WriteAllText(template, File.ReadAllText(template).Replace("<h1>Skiff Shop", $"<h1>Skiff Shop {marker} |"));
        }, branch: null);
        await repository.PushPullRequestAsync(number, sha);
        return sha;
    }

    private static async Task<double> TimeToShaAsync(HttpClient http, WebhookDeliveries deliveries, string action, int number, string sha, string environment)
    {
        using var response = await WebhookDeliveries.SendAsync(http, "pull_request", deliveries.PullRequest(action, number, sha), Secret);
        var accepted = Stopwatch.StartNew();
        response.EnsureSuccessStatusCode();
        var deadline = TimeSpan.FromMinutes(10);
        while (accepted.Elapsed < deadline)
        {
            using var answer = await http.GetAsync($"api/v1/environments/{environment}");
            if (answer.IsSuccessStatusCode && await answer.Content.ReadFromJsonAsync<EnvironmentDto>(SkiffJson.Options) is { } current
                && current.PullRequest?.Sha == sha && current.ObservedGeneration >= current.Generation && current.Phase is "Ready" or "Failed")
            {
                var elapsed = accepted.Elapsed.TotalSeconds;
                if (current.Phase == "Failed")
                    throw new InvalidOperationException($"{environment} failed: {current.Error?.Message}");
                if (current.Timings is { } t)
                    Console.WriteLine($"  {action}: {elapsed:0.00} s; the deploy: source {t.SourceMs} ms, build {t.BuildMs} ms, start {t.StartMs} ms, healthy {t.HealthyMs} ms");
                return elapsed;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{environment} not ready at {sha[..7]} after {deadline}");
    }

    /// <summary>Not timed: the environment's URL serves the commit just measured (its marker in the heading).</summary>
    private static async Task ExpectPageAsync(HttpClient http, string environment, string marker)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = $"{environment}.localhost:{http.BaseAddress!.Port}";
        using var response = await http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !html.Contains($"Skiff Shop {marker} |", StringComparison.Ordinal))
            throw new InvalidOperationException($"{environment} does not serve '{marker}': {(int)response.StatusCode}");
    }

    private static async Task WaitGoneAsync(HttpClient http, string environment)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            using var answer = await http.GetAsync($"api/v1/environments/{environment}");
            if (answer.StatusCode == System.Net.HttpStatusCode.NotFound)
                return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{environment} still there");
    }
}
