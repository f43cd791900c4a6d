using System.Globalization;
using Skiff.Core.Costs;
using Skiff.Core.Lifetimes;
using Skiff.Core.Planning;
using Skiff.Core.Specs.Loading;
using Skiff.Core.Units;
using Skiff.Tests.Shared;

namespace Skiff.Bench;

/// <summary>
/// Cost replay: a synthetic week of PR-environment activity replayed through Core's idle policy
/// and cost model in simulated time (nothing waits and nothing runs), once always on and once with
/// idle suspend, priced on demand and on spot.
///
/// The trace (seeded Random, default seed 20261130, so every run prints the same figures):
/// - Window: 7 days, Monday 2026-11-30 00:00 UTC to Monday 2026-12-07 00:00 UTC, in 1-minute steps.
/// - 20 PR environments. PRs 1-6 were opened the week before and stay open all week; their last
///   deploy and request were the Friday before at 17:00 UTC. PRs 7-20 open at a uniformly random
///   minute of working hours Monday to Thursday (the opening is a deploy) and close 1 to 5 days
///   later (uniform, to the minute); a close after the window's end is cut at the end.
/// - Working hours are Monday to Friday 9:00-18:00 UTC. Nights and the weekend have no requests and
///   no pushes.
/// - Every working day, every PR (whether open or not; events outside its open time are dropped)
///   gets 1-4 review bursts (uniform): each starts at a uniform minute of working hours, lasts 5-20
///   minutes (uniform, within working hours) and has 1-30 requests in each of its minutes.
/// - Every working day, every PR gets a push with probability 1/2, at a uniform minute of working
///   hours. A push redeploys: it restarts the idle clock and wakes a suspended environment.
/// - Resources: examples/shop's three services (web, api, db) sharing its skiff.yaml caps (cpu 2,
///   memory 1GiB) as the planner shares them; a 100 MiB volume (db-data), paid for while suspended.
///   Use (for the "used" figure only): 0.002 cores per running service at rest, plus 20 ms (web),
///   15 ms (api) and 5 ms (db) of CPU per request; memory in use 60/50/40 MiB (web/api/db).
/// - Replay: always-on never suspends. With idle suspend, an environment is suspended once it has
///   gone the idle period (default 30 min) without a deploy or request (IdlePolicy), and wakes at the
///   minute of its next request or push, which it serves (resume time is not modelled).
/// - $/env/day divides the reserved cost by the days PR environments existed (open PR time), and is
///   set against the reference system's $15/day/env and the target of at most $1.50.
/// </summary>
internal static class CostReplayBench
{
    private const int StepsPerDay = 24 * 60;
    private const int Days = 7;
    private const int Steps = Days * StepsPerDay;
    private const int WorkStart = 9 * 60;
    private const int WorkEnd = 18 * 60;
    private const long MiB = 1024 * 1024;
    private const decimal ReferencePerDay = 15m;
    private const decimal TargetPerDay = 1.50m;

    private static readonly DateTimeOffset WindowStart = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    public static int Run(string[] args)
    {
        var seed = WebhookIngestBench.Option(args, "--seed", 20261130);
        var idle = TimeSpan.FromMinutes(WebhookIngestBench.Option(args, "--idle-minutes", 30));
        var shape = Shape.OfShop();
        var trace = Trace.Generate(seed);

        Console.WriteLine($"Cost replay: {trace.Prs.Count} PR environments, {Days} days from {WindowStart:yyyy-MM-dd} (Monday) UTC, 1-minute steps, seed {seed}");
        Console.WriteLine($"trace: {trace.Prs.Count(p => p.Carried)} PRs open all week, {trace.Prs.Count(p => !p.Carried)} opened Mon-Thu, "
            + $"{trace.Prs.Count(p => p.Close < Steps)} closed within the week; {Fixed(trace.EnvironmentDays, 1)} environment-days; "
            + $"{trace.Prs.Sum(p => p.Requests.Count(r => r > 0))} minutes with requests ({trace.Prs.Sum(p => p.Requests.Sum())} requests), "
            + $"{trace.Prs.Sum(p => p.Pushes.Count(x => x))} pushes");
        Console.WriteLine($"shape: examples/shop {string.Join(", ", shape.Services.Select(s => $"{s.Name} {Fixed((decimal)s.Cpus, 2)} CPU {ByteSize.Format(s.MemoryBytes)}"))}; "
            + $"{ByteSize.Format(shape.VolumeBytes)} volume");
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-22} {"prices",-10} {"running h",10} {"suspended h",12} {"wakes",6} {"$/env/day",10} {"used $/env/day",15} {"vs $15/day",11} {"target <= $1.50",16}");

        foreach (var (name, idlePeriod) in new[] { ("always-on", (TimeSpan?)null), ($"idle suspend ({DurationFormat.Format(idle)})", idle) })
        {
            var wakes = 0;
            var onDemand = CostCalculator.Total(Replay(trace, shape, idlePeriod, () => wakes++), new PriceTable());
            foreach (var (priceName, prices) in new[] { ("on-demand", new PriceTable()), ("spot", PriceTable.Spot) })
            {
                var totals = CostCalculator.Price(onDemand, prices);
                var perDay = totals.ReservedCost / trace.EnvironmentDays;
                var usedPerDay = totals.UsedCost / trace.EnvironmentDays;
                Console.WriteLine($"{name,-22} {priceName,-10} {Fixed(totals.RunningHours, 1),10} {Fixed(totals.SuspendedHours, 1),12} {wakes,6} "
                    + $"{"$" + Fixed(perDay, 3),10} {"$" + Fixed(usedPerDay, 4),15} {Fixed(ReferencePerDay / perDay, 1) + "x less",11} "
                    + $"{(perDay <= TargetPerDay ? "met" : "missed"),16}");
            }
        }
        return 0;
    }

    /// <summary>Every service's sample for every minute each environment exists, running or suspended.</summary>
    private static IEnumerable<ResourceSample> Replay(Trace trace, Shape shape, TimeSpan? idle, Action woke)
    {
        foreach (var pr in trace.Prs)
        {
            var environment = $"shop-pr-{pr.Number}";
            var lastDeploy = pr.Carried ? WindowStart.AddHours(-55) : WindowStart; // Friday 17:00 before the window
            DateTimeOffset? lastActivity = pr.Carried ? lastDeploy : null;
            var running = !IdlePolicy.ShouldSuspend(WindowStart, lastDeploy, lastActivity, idle).Suspend;
            for (var t = pr.Open; t < pr.Close; t++)
            {
                var now = WindowStart + t * Step;
                var opened = t == pr.Open && !pr.Carried;
                if (opened || pr.Pushes[t])
                    lastDeploy = now;
                if (pr.Requests[t] > 0)
                    lastActivity = now;
                if (!running && (opened || pr.Pushes[t] || pr.Requests[t] > 0))
                {
                    running = true;
                    if (!opened)
                        woke();
                }
                if (running && IdlePolicy.ShouldSuspend(now, lastDeploy, lastActivity, idle).Suspend)
                    running = false;

                foreach (var service in shape.Services)
                {
                    var cpuUsed = running ? 0.002 * Step.TotalSeconds + pr.Requests[t] * service.CpuPerRequest : 0;
                    yield return new ResourceSample(environment, "acme/shop", pr.Author, service.Name, now, Step, running,
                        service.Cpus, service.MemoryBytes, cpuUsed, running ? service.MemoryUsedBytes : 0,
                        service.Name == "db" ? shape.VolumeBytes : 0);
                }
            }
        }
    }

    private static string Fixed(decimal value, int places) => value.ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private sealed record ServiceShape(string Name, double Cpus, long MemoryBytes, double CpuPerRequest, long MemoryUsedBytes);

    private sealed record Shape(IReadOnlyList<ServiceShape> Services, long VolumeBytes)
    {
        /// <summary>examples/shop as Skiff loads it, with the planner's share of its caps for each service.</summary>
        public static Shape OfShop()
        {
            var spec = SpecLoader.Load(Path.Combine(RepositoryPaths.Examples, "shop")).GetSpecOrThrow();
            var shares = ResourceShares.Compute(spec);
            var use = new Dictionary<string, (double CpuPerRequest, long MemoryUsed)>
            {
                ["web"] = (0.020, 60 * MiB),
                ["api"] = (0.015, 50 * MiB),
                ["db"] = (0.005, 40 * MiB),
            };
            var services = spec.Services
                .Select(s => new ServiceShape(s.Name, shares[s.Name].Cpus ?? 0, shares[s.Name].MemoryBytes ?? 0, use[s.Name].CpuPerRequest, use[s.Name].MemoryUsed))
                .ToList();
            return new Shape(services, 100 * MiB);
        }
    }

    /// <summary>One PR: open over steps [Open, Close), requests and pushes per minute of the window.</summary>
    private sealed record PullRequest(int Number, string Author, bool Carried, int Open, int Close, int[] Requests, bool[] Pushes);

    private sealed record Trace(IReadOnlyList<PullRequest> Prs)
    {
        public decimal EnvironmentDays => Prs.Sum(p => (decimal)(p.Close - p.Open)) / StepsPerDay;

        public static Trace Generate(int seed)
        {
            var random = new Random(seed);
            string[] authors = ["alice", "bob", "chen", "dara", "emeka"];
            var prs = new List<PullRequest>();
            for (var number = 1; number <= 20; number++)
            {
                var carried = number <= 6;
                var open = carried ? 0 : random.Next(0, 4) * StepsPerDay + WorkStart + random.Next(0, WorkEnd - WorkStart);
                var close = carried ? Steps : Math.Min(Steps, open + random.Next(StepsPerDay, 5 * StepsPerDay + 1));
                var requests = new int[Steps];
                var pushes = new bool[Steps];
                for (var day = 0; day < 5; day++)
                {
                    var dayStart = day * StepsPerDay;
                    var bursts = random.Next(1, 5);
                    for (var b = 0; b < bursts; b++)
                    {
                        var length = random.Next(5, 21);
                        var start = dayStart + WorkStart + random.Next(0, WorkEnd - WorkStart - length + 1);
                        for (var m = start; m < start + length; m++)
                            requests[m] += random.Next(1, 31);
                    }
                    if (random.Next(2) == 0)
                        pushes[dayStart + WorkStart + random.Next(0, WorkEnd - WorkStart)] = true;
                }
                for (var m = 0; m < Steps; m++)
                {
                    if (m < open || m >= close)
                    {
                        requests[m] = 0;
                        pushes[m] = false;
                    }
                }
                prs.Add(new PullRequest(number, authors[number % authors.Length], carried, open, close, requests, pushes));
            }
            return new Trace(prs);
        }
    }
}
