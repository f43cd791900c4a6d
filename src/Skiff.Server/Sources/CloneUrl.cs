namespace Skiff.Server.Sources;

/// <summary>
/// The places Skiff fetches from: <c>https://</c>, <c>http://</c> on the loopback host only, <c>file://</c>,
/// or an absolute local path. Anything else (<c>ext::</c>, <c>ssh</c>, scp-style, option-like values) is refused.
/// </summary>
internal readonly record struct CloneUrl(string Value, bool IsHttp)
{
    private const int MaxLength = 2048;

    public static CloneUrl Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength || value.Any(char.IsControl) || value.StartsWith('-'))
            throw Refuse(value, "is empty, too long, option-like or has control characters");

        if (value.StartsWith('/'))
        {
            if (!Path.IsPathFullyQualified(value))
                throw Refuse(value, "is not an absolute path");
            return new CloneUrl(value, IsHttp: false);
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || value.Any(char.IsWhiteSpace))
            throw Refuse(value, "is not a URL or an absolute path");
        if (uri.Scheme is "https" or "http")
        {
            if (uri.UserInfo.Length > 0)
                throw Refuse(value, "carries credentials; pass the token separately");
            if (uri.Scheme == "http" && !uri.IsLoopback)
                throw Refuse(value, "uses plain http, which is allowed only for 127.0.0.1 and localhost");
            return new CloneUrl(value, IsHttp: true);
        }
        if (uri.IsFile && uri.Host.Length == 0)
            return new CloneUrl(value, IsHttp: false);
        throw Refuse(value, "must be https://, file:// or an absolute path");
    }

    private static GitSourceException Refuse(string? value, string reason) =>
        new($"clone URL '{SecretScrubber.Scrub(RepositoryName.Printable(value), null)}' {reason}");
}
