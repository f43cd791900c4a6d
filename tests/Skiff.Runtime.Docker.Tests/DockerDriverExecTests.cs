using System.Diagnostics;
using System.Text;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Tests.Infrastructure;

namespace Skiff.Runtime.Docker.Tests;

public sealed class DockerDriverExecTests(EngineFixture engine, ITestOutputHelper output) : EngineTest(engine, output)
{
    private ContainerState _container = null!;

    public override async Task InitializeAsync() => _container = await Driver.RunContainerAsync(Request("box", Idle()), Timeout());

    [Fact]
    public async Task Exec_returns_the_exit_code_and_both_streams()
    {
        var result = await Driver.ExecAsync(_container.Id, ["sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 3"], TimeSpan.FromSeconds(10), Timeout());

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Contains("to-stdout\n", result.Output);
        Assert.Contains("to-stderr\n", result.Output);
    }

    [Fact]
    public async Task A_successful_exec_has_exit_code_zero()
    {
        var result = await Driver.ExecAsync(_container.Id, ["true"], TimeSpan.FromSeconds(10), Timeout());

        Assert.True(result.Succeeded);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Exec_output_keeps_multibyte_characters_and_large_output()
    {
        var result = await Driver.ExecAsync(_container.Id, ["sh", "-c", "i=0; while [ $i -lt 3000 ]; do echo \"ligne-$i-ç-€-✓\"; i=$((i+1)); done"], TimeSpan.FromSeconds(20), Timeout());

        Assert.True(result.Succeeded);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3000, lines.Length);
        Assert.Equal("ligne-2999-ç-€-✓", lines[^1]);
        Assert.All(lines, line => Assert.EndsWith("-ç-€-✓", line));
    }

    [Fact]
    public async Task Exec_of_a_missing_program_fails_with_the_runtime_message()
    {
        var result = await Driver.ExecAsync(_container.Id, ["/no/such/tool"], TimeSpan.FromSeconds(10), Timeout());

        // Podman answers 127 and the runtime's error on stderr; Docker answers 126 or 127 the same way.
        Assert.InRange(result.ExitCode, 126, 127);
        Assert.Contains("/no/such/tool", result.Output);
    }

    [Fact]
    public async Task An_exec_that_outlives_its_timeout_gives_a_failed_result_not_an_exception()
    {
        var stopwatch = Stopwatch.StartNew();

        var result = await Driver.ExecAsync(_container.Id, ["sh", "-c", "echo started; sleep 30"], TimeSpan.FromSeconds(1), Timeout());

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.False(result.Succeeded);
        Assert.Contains("timed out after 1 s", result.Output);
        Assert.Contains("started", result.Output);
    }

    [Fact]
    public async Task Cancelling_an_exec_throws_operation_cancelled()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Driver.ExecAsync(_container.Id, ["sleep", "30"], TimeSpan.FromSeconds(20), cancel.Token));
    }

    [Fact]
    public async Task Exec_in_an_unknown_container_is_a_driver_error()
    {
        var error = await Assert.ThrowsAsync<DriverException>(
            () => Driver.ExecAsync("skiff-no-such-container", ["true"], TimeSpan.FromSeconds(5), Timeout()));

        Assert.Contains("skiff-no-such-container", error.Message);
    }

    [Fact]
    public async Task A_copied_file_can_be_read_back_and_its_folders_are_created()
    {
        var content = "{\"seed\": true, \"name\": \"skiff ✓\"}\n";

        await Driver.CopyFileAsync(_container.Id, "/srv/skiff/deep/config.json", Encoding.UTF8.GetBytes(content), Timeout());

        var read = await Driver.ExecAsync(_container.Id, ["cat", "/srv/skiff/deep/config.json"], TimeSpan.FromSeconds(10), Timeout());
        Assert.True(read.Succeeded, read.Output);
        Assert.Equal(content, read.Output);
    }

    [Fact]
    public async Task Copying_over_a_file_replaces_it_and_leaves_its_folder_alone()
    {
        await Driver.CopyFileAsync(_container.Id, "/tmp/seed.sql", "first"u8.ToArray(), Timeout());
        await Driver.CopyFileAsync(_container.Id, "/tmp/seed.sql", "second"u8.ToArray(), Timeout());

        var read = await Driver.ExecAsync(_container.Id, ["sh", "-c", "cat /tmp/seed.sql; echo; stat -c %a /tmp; stat -c %a /tmp/seed.sql"], TimeSpan.FromSeconds(10), Timeout());
        Assert.Equal(["second", "1777", "644"], read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_relative_copy_target_is_refused()
    {
        await Assert.ThrowsAsync<DriverException>(() => Driver.CopyFileAsync(_container.Id, "etc/x", "x"u8.ToArray(), Timeout()));
        await Assert.ThrowsAsync<DriverException>(() => Driver.CopyFileAsync(_container.Id, "/etc/../x", "x"u8.ToArray(), Timeout()));
    }
}
