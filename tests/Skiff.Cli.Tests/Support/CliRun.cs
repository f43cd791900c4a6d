namespace Skiff.Cli.Tests.Support;

/// <summary>Runs the real CLI in-process with its own stdout, stderr and environment variables.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

public static class CliRun
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> variables, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            GetVariable = name => variables.TryGetValue(name, out var value) ? value : null,
            IsTerminal = false,
        };
        var code = await SkiffCli.RunAsync(args, context);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);
}
