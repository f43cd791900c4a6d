using System.Diagnostics;

namespace Skiff.Bench;

/// <summary>
/// Density: shop environments deployed one after another on this host, each suspended once ready
/// except the last three, up to a bound (default 50) or the first failure. Prints how many the host
/// holds, the memory a running and a suspended environment take (from /proc/meminfo's
/// MemAvailable before and after), and that every suspended one still wakes (the first of them).
/// </summary>
internal static class DensityBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var target = WebhookIngestBench.Option(args, "--count", 50);
        const int keepRunning = 3;
        await using var server = await BenchServer.StartAsync("https://github.com/acme/shop.git", "unused");
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        var shop = new ShopEnvironments(http, server.Address);
        var source = ShopEnvironments.CopyExample();
        var names = new List<string>();
        Console.WriteLine($"Density benchmark: up to {target} shop environments, all but {keepRunning} suspended, {Environment.ProcessorCount} cores, {MemTotalGib():0.0} GiB");
        var before = MemAvailableBytes();
        var clock = Stopwatch.StartNew();
        var runningDeltas = new List<long>();
        var suspendedDeltas = new List<long>();
        try
        {
            for (var i = 0; i < target; i++)
            {
                var name = $"dense-{i:00}";
                var ahead = MemAvailableBytes();
                try
                {
                    await shop.UpAsync(name, source);
                }
                catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or HttpRequestException)
                {
                    Console.WriteLine($"stopped at {i}: {exception.Message}");
                    break;
                }
                names.Add(name);
                var running = MemAvailableBytes();
                runningDeltas.Add(ahead - running);
                if (i < target - keepRunning)
                {
                    await shop.SuspendAsync(name);
                    suspendedDeltas.Add(ahead - MemAvailableBytes());
                }
            }
            var after = MemAvailableBytes();
            var (status, body) = await shop.BrowseAsync(names[0]);
            Console.WriteLine($"held: {names.Count} environments ({names.Count - Math.Min(keepRunning, names.Count)} suspended, {Math.Min(keepRunning, names.Count)} running) in {clock.Elapsed.TotalMinutes:0.0} min");
            Console.WriteLine($"memory: running environment {Mib(Median(runningDeltas)):0} MiB (median), suspended environment {Mib(Median(suspendedDeltas)):0} MiB (median), all together {Mib(before - after):0} MiB");
            Console.WriteLine($"the first (suspended) environment woke and answered {status}{(body.Contains("Canvas tote bag", StringComparison.Ordinal) ? " with its rows" : "")}");
            return 0;
        }
        finally
        {
            foreach (var name in names)
                await shop.DownAsync(name);
            Directory.Delete(source, recursive: true);
        }
    }

    private static long Median(List<long> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    private static double Mib(long bytes) => bytes / 1024.0 / 1024.0;

    private static long MemAvailableBytes() => MemInfo("MemAvailable:");

    private static double MemTotalGib() => MemInfo("MemTotal:") / 1024.0 / 1024.0 / 1024.0;

    private static long MemInfo(string key)
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
