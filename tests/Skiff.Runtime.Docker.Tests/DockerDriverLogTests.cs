using System.Diagnostics;
using Skiff.Runtime.Docker.Tests.Infrastructure;

namespace Skiff.Runtime.Docker.Tests;

public sealed class DockerDriverLogTests(EngineFixture engine, ITestOutputHelper output) : EngineTest(engine, output)
{
    [Fact]
    public async Task Logs_give_the_last_lines_of_stdout_and_stderr()
    {
        var state = await Driver.RunContainerAsync(
            Request("printer", Idle("for i in 1 2 3 4 5 6 7 8 9; do echo line$i; done; echo problem >&2;")), Timeout());

        List<string> lines = [];
        Assert.True(await EventuallyAsync(async () =>
        {
            lines = await ReadAllAsync(state.Id, tail: 3);
            return lines.Contains("problem");
        }), "the container's output never appeared in its logs");

        Assert.Equal(["line8", "line9", "problem"], lines);
        Assert.Equal(10, (await ReadAllAsync(state.Id, tail: -1)).Count);
    }

    [Fact]
    public async Task Following_logs_yields_new_lines_and_ends_cleanly_when_cancelled()
    {
        var state = await Driver.RunContainerAsync(
            Request("ticker", "sh", "-c", "trap 'exit 0' TERM; i=0; while :; do i=$((i+1)); echo tick$i; sleep 0.2; done"), Timeout());
        using var cancel = new CancellationTokenSource();
        var lines = new List<string>();
        var stopwatch = Stopwatch.StartNew();

        await foreach (var line in Driver.ReadLogsAsync(state.Id, tail: 0, follow: true, cancel.Token))
        {
            lines.Add(line);
            if (lines.Count == 5)
                cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        }

        // The loop above ended without an exception; it saw live lines, in order.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.True(lines.Count >= 5);
        var numbers = lines.Select(l => int.Parse(l["tick".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(numbers.Order().ToList(), numbers);
    }

    [Fact]
    public async Task A_follow_ends_by_itself_when_the_container_exits()
    {
        var state = await Driver.RunContainerAsync(Request("short", "sh", "-c", "sleep 1; echo done-now"), Timeout());

        var lines = new List<string>();
        await foreach (var line in Driver.ReadLogsAsync(state.Id, tail: -1, follow: true, Timeout(30)))
            lines.Add(line);

        Assert.Equal(["done-now"], lines);
    }

    [Fact]
    public async Task Logs_of_an_unknown_container_are_a_driver_error()
    {
        var error = await Assert.ThrowsAsync<Core.Runtime.DriverException>(() => ReadAllAsync("skiff-no-such-container", tail: 10));

        Assert.Contains("skiff-no-such-container", error.Message);
    }

    private async Task<List<string>> ReadAllAsync(string containerId, int tail)
    {
        var lines = new List<string>();
        await foreach (var line in Driver.ReadLogsAsync(containerId, tail, follow: false, Timeout()))
            lines.Add(line);
        return lines;
    }
}
