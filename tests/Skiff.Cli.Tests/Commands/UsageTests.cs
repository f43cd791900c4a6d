using Skiff.Cli.Tests.Support;

namespace Skiff.Cli.Tests.Commands;

/// <summary>Bad arguments get one line on stderr and exit code 2; an absent server gets exit code 3.</summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("status")]
    [InlineData("up", ".", "--timeout")]
    [InlineData("logs", "x", "--tail", "many")]
    public async Task Bad_arguments_exit_2_with_a_message(params string[] args)
    {
        var result = await CliRun.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("skiff: ", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task An_invalid_timeout_is_named()
    {
        var result = await CliRun.RunAsync("up", ".", "--timeout", "soon");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--timeout: 'soon' is not a duration", result.Error);
    }

    [Fact]
    public async Task No_server_is_exit_3_with_what_to_do()
    {
        var variables = new Dictionary<string, string?> { ["SKIFF_SERVER"] = "http://127.0.0.1:9" };

        var result = await CliRun.RunAsync(variables, "ls");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no Skiff server answers at http://127.0.0.1:9/", result.Error);
    }

    [Fact]
    public async Task A_remote_server_is_never_started_by_up()
    {
        var variables = new Dictionary<string, string?> { ["SKIFF_SERVER"] = "https://127.0.0.1:9" };
        var shop = Path.Combine(Skiff.Tests.Shared.RepositoryPaths.Examples, "shop");

        var result = await CliRun.RunAsync(variables, "up", shop, "--name", "never");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no Skiff server answers at https://127.0.0.1:9/", result.Error);
    }
}
