using System.CommandLine;
using Skiff.Cli.Client;
using Skiff.Cli.Output;
using Skiff.Core.Api;

namespace Skiff.Cli.Commands;

/// <summary>
/// <c>skiff janitor [--dry-run] [--json]</c>: runs a janitor pass on the server now (orphaned
/// engine objects, closed pull requests still deployed, stuck deploys) and lists what it did, or
/// with <c>--dry-run</c> what it would do. Exit code 1 when an action failed.
/// </summary>
public static class JanitorCommand
{
    public static Command Create(CliContext context)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list what the janitor would do" };
        var json = CommonOptions.Json();
        var command = new Command("janitor", "Clean up orphaned objects, closed pull requests and stuck deploys now") { dryRun, json };
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            using var client = new SkiffApiClient(context.Server);
            var report = await client.RunJanitorAsync(result.GetValue(dryRun), cancellationToken);
            if (result.GetValue(json))
                JsonOutput.Write(context.Out, report);
            else
                Print(context.Out, report);
            var failed = report.Actions.Count(a => a.Error is not null);
            if (failed > 0)
                throw new CliException($"{failed} of {report.Actions.Count} janitor actions failed");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Print(TextWriter output, JanitorReport report)
    {
        if (report.Actions.Count == 0)
        {
            output.WriteLine(report.DryRun ? "dry run: nothing to clean up" : "nothing to clean up");
            return;
        }
        var width = report.Actions.Max(a => a.Environment.Length);
        foreach (var action in report.Actions)
        {
            var outcome = action.Error is { } error ? $" (failed: {error})" : "";
            output.WriteLine($"{Label(action.Kind),-12}  {action.Environment.PadRight(width)}  {action.Detail}{outcome}");
        }
        output.WriteLine(report.DryRun
            ? $"dry run: {report.Actions.Count} actions listed, nothing changed"
            : $"{report.Actions.Count} actions done");
    }

    private static string Label(JanitorActionKind kind) => kind switch
    {
        JanitorActionKind.Orphan => "orphan",
        JanitorActionKind.ClosedPullRequest => "closed PR",
        JanitorActionKind.Stuck => "requeued",
        JanitorActionKind.InterruptedDeployment => "interrupted",
        _ => kind.ToString(),
    };
}
