namespace Skiff.Server.GitHub;

/// <summary>
/// A fixed token: a personal access token, or a token a CI system hands over. Two instances with
/// the same token are equal, so the reporter shares one HTTP client between them.
/// </summary>
public sealed class TokenCredentials : IGitHubCredentials, IEquatable<TokenCredentials>
{
    private readonly string _token;

    public TokenCredentials(string token)
    {
        if (string.IsNullOrWhiteSpace(token))
            throw new ArgumentException("a GitHub token must not be empty", nameof(token));
        _token = token.Trim();
    }

    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(_token);

    public bool Equals(TokenCredentials? other) => other is not null && string.Equals(_token, other._token, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as TokenCredentials);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_token);

    /// <summary>Never shows the token (records that hold credentials print this).</summary>
    public override string ToString() => "TokenCredentials(***)";
}
