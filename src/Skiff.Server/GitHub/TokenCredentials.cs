namespace Skiff.Server.GitHub;

/// <summary>A fixed token: a personal access token, or a token a CI system hands over.</summary>
public sealed class TokenCredentials : IGitHubCredentials
{
    private readonly string _token;

    public TokenCredentials(string token)
    {
        if (string.IsNullOrWhiteSpace(token))
            throw new ArgumentException("a GitHub token must not be empty", nameof(token));
        _token = token.Trim();
    }

    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(_token);

    /// <summary>Never shows the token (records that hold credentials print this).</summary>
    public override string ToString() => "TokenCredentials(***)";
}
