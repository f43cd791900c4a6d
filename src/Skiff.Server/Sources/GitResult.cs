namespace Skiff.Server.Sources;

/// <summary>How one git process ended: its exit code, its standard output and the last lines of its standard error.</summary>
internal sealed record GitResult(int ExitCode, string Output, IReadOnlyList<string> ErrorLines)
{
    private const int MaxSummaryLength = 400;

    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// The last meaningful stderr lines as one line: without git's <c>fatal:</c>/<c>error:</c> prefixes and
    /// hints, and without lines another line repeats (git and upload-pack often report the same failure).
    /// </summary>
    public string Summary
    {
        get
        {
            var lines = ErrorLines
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith("hint:", StringComparison.Ordinal))
                .Select(StripPrefix)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            lines = lines.Where(line => !lines.Any(other => other != line && other.Contains(line, StringComparison.Ordinal))).TakeLast(2).ToList();
            var summary = lines.Count == 0 ? $"git exited with code {ExitCode}" : string.Join("; ", lines);
            return summary.Length <= MaxSummaryLength ? summary : summary[..MaxSummaryLength] + "…";
        }
    }

    private static string StripPrefix(string line)
    {
        var stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (var prefix in (ReadOnlySpan<string>)["fatal: ", "error: ", "remote error: ", "remote: ", "warning: "])
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    line = line[prefix.Length..];
                    stripped = true;
                }
            }
        }
        return line;
    }
}
