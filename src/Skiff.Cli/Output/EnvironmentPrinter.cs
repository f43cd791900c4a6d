using Skiff.Core.Api;

namespace Skiff.Cli.Output;

/// <summary>Plain-text views of environments: the <c>ls</c> table and the <c>status</c> details.</summary>
public static class EnvironmentPrinter
{
    public static void Table(TextWriter output, IReadOnlyList<EnvironmentDto> environments, DateTimeOffset now)
    {
        if (environments.Count == 0)
        {
            output.WriteLine("no environments (create one with: skiff up DIR)");
            return;
        }
        string[] header = ["NAME", "REPO", "PR", "SHA", "PHASE", "URL", "SERVICES", "AGE"];
        var rows = environments.Select(e => new[]
        {
            e.Name,
            e.PullRequest?.Repository ?? "-",
            e.PullRequest is { } pr ? $"#{pr.Number}" : "-",
            e.PullRequest?.Sha[..Math.Min(7, e.PullRequest.Sha.Length)] ?? "-",
            e.Phase,
            e.Url ?? "-",
            $"{e.Services.Count(s => s.Status is "Ready" or "Unchanged")}/{e.Services.Count}",
            Durations.Age(e.CreatedAt, now),
        }).ToList();
        WriteColumns(output, header, rows);
    }

    public static void Details(TextWriter output, EnvironmentDto environment)
    {
        output.WriteLine($"{environment.Name}: {environment.Phase}");
        output.WriteLine($"  url:     {environment.Url ?? "-"}");
        output.WriteLine($"  source:  {environment.Source.Path}");
        if (environment.PullRequest is { } pr)
            output.WriteLine($"  pr:      {pr.Repository}#{pr.Number} at {pr.Sha} by {pr.Author ?? "?"}{(pr.FromFork ? " (fork)" : "")}: {pr.Title}");
        if (environment.Timings is { } t)
            output.WriteLine($"  timings: {Timings(t)}");
        output.WriteLine($"  expires: {(environment.ExpiresAt is { } expires ? $"{expires.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "never")}");
        if (environment.LastActivityAt is { } used)
            output.WriteLine($"  used:    {used.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        if (environment.QueuedReason is { } queued)
            output.WriteLine($"  queued:  {queued}");
        if (environment.Error is { } error)
            Error(output, error);
        foreach (var warning in environment.Warnings)
            output.WriteLine($"  warning: {warning}");
        output.WriteLine();
        var rows = environment.Services.Select(s => new[]
        {
            s.Name,
            s.Status,
            s.ContainerId is { Length: > 12 } id ? id[..12] : s.ContainerId ?? "-",
            s.Image ?? "-",
            s.Url ?? s.Message ?? "",
        }).ToList();
        WriteColumns(output, ["SERVICE", "STATUS", "CONTAINER", "IMAGE", "URL"], rows);
        if (environment.Events is { Count: > 0 } events)
        {
            output.WriteLine();
            output.WriteLine("history (newest first):");
            foreach (var item in events.Take(15))
                output.WriteLine($"  {item.At:yyyy-MM-dd HH:mm:ss}  {item.Kind,-8} {item.Message}");
        }
    }

    public static string Timings(TimingsDto t) =>
        $"{Durations.Format(t.TotalMs)} (source {Durations.Format(t.SourceMs)}, build {Durations.Format(t.BuildMs)}, start {Durations.Format(t.StartMs)}, healthy {Durations.Format(t.HealthyMs)})";

    public static void Error(TextWriter output, ErrorDto error)
    {
        output.WriteLine($"  error:   {(error.Service is null ? "" : error.Service + ": ")}{error.Message}");
        foreach (var line in error.LogTail.TakeLast(20))
            output.WriteLine($"    | {line}");
    }

    private static void WriteColumns(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(header, widths));
        foreach (var row in rows)
            output.WriteLine(Line(row, widths));
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
