using System.Text.RegularExpressions;

namespace Skiff.Server.Sources;

/// <summary>A <see cref="GitCheckoutRequest"/> that passed validation: safe to put into paths and git arguments.</summary>
internal sealed partial record CheckoutTarget(RepositoryName Repository, string Url, string Sha, string? Ref, string? Token)
{
    /// <summary>The URL with any user information masked, for logs and messages.</summary>
    public string DisplayUrl => SecretScrubber.Scrub(Url, Token);

    /// <summary>Validates every field; throws <see cref="GitSourceException"/> naming the first bad one.</summary>
    public static CheckoutTarget From(GitCheckoutRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var repository = RepositoryName.Parse(request.Repository);
        var sha = ParseSha(request.Sha);
        var url = CloneUrl.Parse(request.CloneUrl);
        var reference = ParseRef(request.Ref);
        var token = string.IsNullOrEmpty(request.Token) ? null : request.Token;
        if (token is not null && token.Any(char.IsControl))
            throw new GitSourceException("the token contains control characters");
        return new CheckoutTarget(repository, url.Value, sha, reference, url.IsHttp ? token : null);
    }

    public static string ParseSha(string? sha)
    {
        if (sha is null || !ShaPattern().IsMatch(sha))
            throw new GitSourceException($"commit '{RepositoryName.Printable(sha)}' is not a full 40-character hexadecimal id");
        return sha.ToLowerInvariant();
    }

    private static string? ParseRef(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
            return null;
        if (reference.Length > 255 || !RefPattern().IsMatch(reference) || reference.Contains("..", StringComparison.Ordinal)
            || reference.Contains("//", StringComparison.Ordinal) || reference.EndsWith('/') || reference.EndsWith('.')
            || reference.EndsWith(".lock", StringComparison.Ordinal) || reference.Contains("/.", StringComparison.Ordinal))
        {
            throw new GitSourceException($"ref '{RepositoryName.Printable(reference)}' is not a valid ref name (such as refs/pull/7/head)");
        }
        return reference;
    }

    [GeneratedRegex("^[0-9a-fA-F]{40}$")]
    private static partial Regex ShaPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_./-]*$")]
    private static partial Regex RefPattern();
}
