using System.CommandLine;
using System.Globalization;
using Skiff.Cli.Client;
using Skiff.Cli.Output;
using Skiff.Core.Api;

namespace Skiff.Cli.Commands;

/// <summary>
/// <c>skiff cost [--by env|repo|author] [--since DATE|DURATION] [--json]</c>: what environments
/// reserved, used and cost, per environment, repository or PR author, from the server's cost meter.
/// </summary>
public static class CostCommand
{
    public static Command Create(CliContext context)
    {
        var by = new Option<string>("--by") { Description = "Group by env, repo or author", DefaultValueFactory = _ => "env" };
        by.AcceptOnlyFromAmong("env", "repo", "author");
        var since = new Option<string?>("--since") { Description = "From a date (2026-12-01) or a duration back (7d, 12h); default the start of this UTC month" };
        var json = CommonOptions.Json();
        var command = new Command("cost", "Show what environments cost") { by, since, json };
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(context, async () =>
        {
            using var client = new SkiffApiClient(context.Server);
            var report = await client.GetCostAsync(result.GetValue(by)!, result.GetValue(since), cancellationToken);
            if (result.GetValue(json))
                JsonOutput.Write(context.Out, report);
            else
                Print(context.Out, report);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>An aligned table: hours, resource-hours, and money to two decimals, then the total line.</summary>
    internal static void Print(TextWriter output, CostReportDto report)
    {
        var prices = report.Prices;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cost since {report.Since.UtcDateTime:yyyy-MM-dd HH:mm} UTC until {report.Until.UtcDateTime:yyyy-MM-dd HH:mm} UTC, in {report.Currency} (vCPU-hour {prices.VcpuHour}, GiB-hour {prices.GibHour}, volume GiB-month {prices.VolumeGibMonth})"));
        if (report.Rows.Count == 0)
        {
            output.WriteLine("no usage recorded in this period");
            return;
        }
        string[] header = [report.By.ToUpperInvariant(), "RUNNING h", "SUSPENDED h", "vCPU-h", "GiB-h", "VOLUME GiB-mo", "RESERVED", "USED"];
        var rows = report.Rows.Select(Cells).ToList();
        var total = Cells(report.Total);
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Append(total).Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(header, widths));
        foreach (var row in rows)
            output.WriteLine(Line(row, widths));
        output.WriteLine(Line([.. widths.Select(w => new string('-', w))], widths));
        output.WriteLine(Line(total, widths));
    }

    private static string[] Cells(CostRowDto row) =>
    [
        row.Key,
        Number(row.RunningHours, 1),
        Number(row.SuspendedHours, 1),
        Number(row.VcpuHoursReserved, 2),
        Number(row.GibHoursReserved, 2),
        Number(row.VolumeGibMonths, 3),
        Number(row.ReservedCost, 2),
        Number(row.UsedCost, 2),
    ];

    private static string Number(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The key left-aligned, numbers right-aligned.</summary>
    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
}
