using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skiff.Server.Janitor;
using Skiff.Core.Api;

namespace Skiff.Server.Tests.Janitor;

/// <summary>The schedule, on a fake clock: one pass per interval, the first one interval after start; a failed pass does not stop it.</summary>
public sealed class JanitorServiceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Passes_run_once_per_interval_starting_one_interval_after_start()
    {
        var time = new FakeTimeProvider();
        var janitor = new RecordingJanitor();
        using var service = new JanitorService(janitor, new JanitorOptions { Interval = Interval, DryRun = true }, time, NullLogger<JanitorService>.Instance);
        await service.StartAsync(CancellationToken.None);

        time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.False(await janitor.NextPassAsync(Quiet));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await janitor.NextPassAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([true], janitor.DryRuns);

        time.Advance(Interval / 2);
        Assert.False(await janitor.NextPassAsync(Quiet));
        time.Advance(Interval / 2);
        Assert.True(await janitor.NextPassAsync(TimeSpan.FromSeconds(10)));

        await service.StopAsync(CancellationToken.None);
        time.Advance(Interval * 3);
        Assert.False(await janitor.NextPassAsync(Quiet));
        Assert.Equal(2, janitor.DryRuns.Count);
    }

    [Fact]
    public async Task A_failed_pass_does_not_stop_the_schedule()
    {
        var time = new FakeTimeProvider();
        var janitor = new RecordingJanitor { FailFirst = true };
        using var service = new JanitorService(janitor, new JanitorOptions { Interval = Interval }, time, NullLogger<JanitorService>.Instance);
        await service.StartAsync(CancellationToken.None);

        time.Advance(Interval);
        Assert.True(await janitor.NextPassAsync(TimeSpan.FromSeconds(10)));
        time.Advance(Interval);
        Assert.True(await janitor.NextPassAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal([false, false], janitor.DryRuns);
        Assert.False(service.ExecuteTask!.IsCompleted);

        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new JanitorOptions { Interval = TimeSpan.Zero }.Validated());
        Assert.Throws<ArgumentException>(() => new JanitorOptions { Interval = TimeSpan.FromDays(60) }.Validated());
        Assert.Throws<ArgumentException>(() => new JanitorOptions { StuckAfter = TimeSpan.Zero }.Validated());
        Assert.Throws<ArgumentException>(() => new JanitorOptions { MaxPullRequestChecks = -1 }.Validated());
        Assert.Equal(TimeSpan.FromMinutes(7), JanitorOptions.From(new Skiff.Server.Configuration.JanitorSettings(TimeSpan.FromMinutes(7), DryRun: true)).Interval);
    }

    private sealed class RecordingJanitor : IJanitor
    {
        private readonly Channel<bool> _passes = Channel.CreateUnbounded<bool>();

        public bool FailFirst { get; init; }

        public List<bool> DryRuns { get; } = [];

        public Task<JanitorReport> RunAsync(bool dryRun, CancellationToken cancellationToken)
        {
            lock (DryRuns)
                DryRuns.Add(dryRun);
            _passes.Writer.TryWrite(dryRun);
            if (FailFirst && DryRuns.Count == 1)
                throw new InvalidOperationException("the engine went away");
            return Task.FromResult(new JanitorReport(dryRun, []));
        }

        /// <summary>True when a pass started within <paramref name="wait"/> (real time: the fake clock only triggers it).</summary>
        public async Task<bool> NextPassAsync(TimeSpan wait)
        {
            using var timeout = new CancellationTokenSource(wait);
            try
            {
                await _passes.Reader.ReadAsync(timeout.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
