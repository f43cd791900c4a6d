using System.Diagnostics;

namespace Skiff.Bench;

/// <summary>
/// Wake latency: the shop example suspended (containers stopped, volume kept), then one plain HTTP
/// request to its URL; the time until that request's 200 answer, which must carry the page rendered
/// from the database. Repeated (default 20 times); p50 and p95.
/// </summary>
internal static class WakeBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = WebhookIngestBench.Option(args, "--rounds", 20);
        await using var server = await BenchServer.StartAsync("https://github.com/acme/shop.git", "unused");
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        var shop = new ShopEnvironments(http, server.Address);
        var source = ShopEnvironments.CopyExample();
        const string name = "wakebench";
        try
        {
            await shop.UpAsync(name, source);
            Console.WriteLine($"Wake benchmark: examples/shop (3 services, PostgreSQL), {rounds} wakes, {Environment.ProcessorCount} cores");
            var latencies = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                await shop.SuspendAsync(name);
                var clock = Stopwatch.StartNew();
                var (status, body) = await shop.BrowseAsync(name);
                var elapsed = clock.Elapsed.TotalSeconds;
                if (status != 200 || !body.Contains("Canvas tote bag", StringComparison.Ordinal))
                    throw new InvalidOperationException($"wake {i + 1}: {status} without the database's rows");
                latencies.Add(elapsed);
            }
            Console.WriteLine($"wake (first request → 200 with database rows): p50 {Percentiles.Of(latencies, 50):0.00} s, p95 {Percentiles.Of(latencies, 95):0.00} s, max {latencies.Max():0.00} s");
            Console.WriteLine($"all: {string.Join(" ", latencies.Select(l => l.ToString("0.00")))}");
            return 0;
        }
        finally
        {
            await shop.DownAsync(name);
            Directory.Delete(source, recursive: true);
        }
    }
}
