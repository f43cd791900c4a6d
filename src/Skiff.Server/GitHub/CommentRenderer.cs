using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Skiff.Core.Api;

namespace Skiff.Server.GitHub;

/// <summary>
/// The Markdown of a pull request's one Skiff comment. The first line is a hidden marker by which the
/// comment is found again; then the environment, its state in a plain word, the URL, the commit, the
/// timings, for a failure the reason and the last log lines (in code fences nothing can break out
/// of), the note, the detail lines, and a footer with the time of the update.
/// </summary>
public static partial class CommentRenderer
{
    public const int MaxLogLines = 30;

    public const int MaxLogLineLength = 200;

    public const int MaxReasonLines = 20;

    public const int MaxDetails = 20;

    /// <summary>The hidden first line that identifies the comment of an environment.</summary>
    public static string Marker(string environment) => $"<!-- skiff:environment {SafeName().Replace(environment, "")} -->";

    /// <summary>The whole comment body.</summary>
    public static string Render(PullRequestFeedback feedback, DateTimeOffset updatedAt) =>
        RenderContent(feedback) + Footer(updatedAt);

    /// <summary>The body without its footer: equal for two states that look the same.</summary>
    public static string RenderContent(PullRequestFeedback feedback)
    {
        var md = new StringBuilder();
        md.Append(Marker(feedback.Environment)).Append('\n');
        md.Append("### Skiff environment ").Append(MarkdownText.InlineCode(feedback.Environment)).Append("\n\n");

        md.Append("- **State:** ").Append(StateLine(feedback)).Append('\n');
        if (feedback.Url is { Length: > 0 } url && feedback.State is PullRequestEnvironmentState.Ready or PullRequestEnvironmentState.Failed)
        {
            var label = feedback.State == PullRequestEnvironmentState.Ready ? "URL" : "Still serving";
            md.Append("- **").Append(label).Append(":** ").Append(MarkdownText.Link(url, url)).Append('\n');
        }
        md.Append("- **Commit:** ").Append(Commit(feedback)).Append('\n');
        if (feedback.Timings is { } timings && feedback.State is not (PullRequestEnvironmentState.Removed or PullRequestEnvironmentState.NotDeployed))
            md.Append("- **Timings:** ").Append(Timings(timings)).Append('\n');
        if (feedback.State == PullRequestEnvironmentState.Failed && feedback.Error?.Service is { Length: > 0 } service)
            md.Append("- **Service:** ").Append(MarkdownText.InlineCode(service)).Append('\n');
        foreach (var detail in feedback.Details.Take(MaxDetails))
            md.Append("- ").Append(MarkdownText.Escape(detail)).Append('\n');

        if (feedback.State == PullRequestEnvironmentState.Failed)
            AppendFailure(md, feedback.Error);
        if (feedback.Note is { Length: > 0 } note)
            md.Append('\n').Append(MarkdownText.Escape(note, 1000)).Append('\n');
        return md.ToString();
    }

    public static string Footer(DateTimeOffset updatedAt) =>
        "\n<sub>updated " + updatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC</sub>\n";

    /// <summary>The first seven characters of a commit id.</summary>
    public static string ShortSha(string sha) => sha.Length <= 7 ? sha : sha[..7];

    /// <summary>850 ms, 12.3 s, 2 min 5 s.</summary>
    public static string Duration(long milliseconds)
    {
        if (milliseconds < 1000)
            return milliseconds.ToString(CultureInfo.InvariantCulture) + " ms";
        if (milliseconds < 60_000)
            return (milliseconds / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";
        var span = TimeSpan.FromMilliseconds(milliseconds);
        return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s");
    }

    private static string StateLine(PullRequestFeedback feedback) => feedback.State switch
    {
        PullRequestEnvironmentState.Queued => "Queued (waiting for a worker)",
        PullRequestEnvironmentState.Deploying => "Deploying (fetching, building and starting)",
        PullRequestEnvironmentState.Ready => "Ready",
        PullRequestEnvironmentState.Failed => feedback.Url is { Length: > 0 }
            ? "Failed (the previous version still serves)"
            : "Failed",
        PullRequestEnvironmentState.Removed => "Removed (the environment is gone)",
        PullRequestEnvironmentState.NotDeployed => "Not deployed",
        _ => feedback.State.ToString(),
    };

    private static string Commit(PullRequestFeedback feedback)
    {
        var sha = feedback.Sha;
        if (!CommitId().IsMatch(sha))
            return MarkdownText.InlineCode(sha);
        return $"[`{ShortSha(sha)}`]({GitHubApiUrls.CommitUrl(feedback.Repository, sha)})";
    }

    private static string Timings(TimingsDto timings) =>
        $"source {Duration(timings.SourceMs)}, build {Duration(timings.BuildMs)}, start {Duration(timings.StartMs)}, " +
        $"healthy {Duration(timings.HealthyMs)}, total {Duration(timings.TotalMs)}";

    private static void AppendFailure(StringBuilder md, ErrorDto? error)
    {
        md.Append("\n**Reason**\n\n");
        var reason = error is { Message.Length: > 0 } ? MarkdownText.Lines(error.Message).Take(MaxReasonLines) : ["the deploy failed (no reason was recorded)"];
        md.Append(MarkdownText.FencedBlock(reason, MaxLogLineLength));
        if (error is not { LogTail.Count: > 0 })
            return;
        var tail = error.LogTail.SelectMany(line => MarkdownText.Lines(line.TrimEnd('\r', '\n'))).TakeLast(MaxLogLines).ToList();
        var of = error.Service is { Length: > 0 } service ? " of " + WebUtility.HtmlEncode(service) : "";
        md.Append("\n<details>\n<summary>Last ").Append(tail.Count.ToString(CultureInfo.InvariantCulture))
            .Append(tail.Count == 1 ? " log line" : " log lines").Append(of).Append("</summary>\n\n");
        md.Append(MarkdownText.FencedBlock(tail, MaxLogLineLength));
        md.Append("\n</details>\n");
    }

    [GeneratedRegex("[^a-z0-9.-]")]
    private static partial Regex SafeName();

    [GeneratedRegex("^[0-9a-fA-F]{7,64}$")]
    private static partial Regex CommitId();
}
