using System.Diagnostics;
using System.Net;
using Skiff.Tests.Shared;

namespace Skiff.Bench;

/// <summary>
/// Webhook ingest: signed pull_request deliveries from a loopback client to a real server, first
/// open-loop at a fixed rate (latency of each request), then closed-loop (throughput). The server
/// runs with its reconciler off, so the figures are the webhook path alone: verify the signature,
/// parse, record the delivery, the desired state and the history event in the store, enqueue.
/// Bounded: a fixed count, and every request has a timeout.
/// </summary>
internal static class WebhookIngestBench
{
    private const string Secret = "bench-webhook-secret";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Option(args, "--count", 2000);
        var rate = Option(args, "--rate", 200);
        await using var server = await BenchServer.StartAsync("https://github.com/acme/shop.git", Secret, runReconciler: false);
        var deliveries = new WebhookDeliveries("acme", "shop", Secret);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10) };

        // Payloads built up front: 50 pull requests, each pushed to many times.
        var payloads = Enumerable.Range(0, count)
            .Select(i => deliveries.PullRequest(i < 50 ? "opened" : "synchronize", 1 + i % 50, Convert.ToHexStringLower(BitConverter.GetBytes((long)i)).PadLeft(40, '0')))
            .ToArray();
        await WarmUpAsync(http, deliveries);

        Console.WriteLine($"Webhook ingest benchmark: {count} signed pull_request deliveries over loopback, {Environment.ProcessorCount} cores");
        var (latencies, failures, elapsed) = await OpenLoopAsync(http, payloads, rate);
        Console.WriteLine($"open loop at {rate}/s: sent {count} in {elapsed.TotalSeconds:0.00} s, {failures} not 2xx");
        Console.WriteLine($"  latency ms: p50 {Percentiles.Of(latencies, 50):0.0}  p90 {Percentiles.Of(latencies, 90):0.0}  p99 {Percentiles.Of(latencies, 99):0.0}  max {latencies.Max():0.0}");

        var (throughput, closedFailures) = await ClosedLoopAsync(http, payloads, concurrency: 16);
        Console.WriteLine($"closed loop, 16 concurrent: {throughput:0} deliveries/s, {closedFailures} not 2xx");
        return failures + closedFailures == 0 ? 0 : 1;
    }

    /// <summary>200 deliveries to other pull requests first, not measured: the JIT compiles the whole path once.</summary>
    private static async Task WarmUpAsync(HttpClient http, WebhookDeliveries deliveries)
    {
        for (var i = 0; i < 200; i++)
            await SendAsync(http, deliveries.PullRequest("opened", 1000 + i, new string('f', 40)));
    }

    private static async Task<(List<double> Latencies, int Failures, TimeSpan Elapsed)> OpenLoopAsync(HttpClient http, string[] payloads, int rate)
    {
        var latencies = new double[payloads.Length];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>(payloads.Length);
        for (var i = 0; i < payloads.Length; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                if (!await SendAsync(http, payloads[index]))
                    Interlocked.Increment(ref failures);
                latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }));
        }
        await Task.WhenAll(tasks);
        return ([.. latencies], failures, clock.Elapsed);
    }

    private static async Task<(double PerSecond, int Failures)> ClosedLoopAsync(HttpClient http, string[] payloads, int concurrency)
    {
        var next = -1;
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < payloads.Length)
            {
                if (!await SendAsync(http, payloads[index]))
                    Interlocked.Increment(ref failures);
            }
        })));
        return (payloads.Length / clock.Elapsed.TotalSeconds, failures);
    }

    private static async Task<bool> SendAsync(HttpClient http, string payload)
    {
        try
        {
            using var response = await WebhookDeliveries.SendAsync(http, "pull_request", payload, Secret);
            return response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) && value > 0 ? value : fallback;
    }
}
