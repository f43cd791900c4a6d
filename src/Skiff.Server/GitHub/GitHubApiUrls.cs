namespace Skiff.Server.GitHub;

/// <summary>Where the API and the web pages of a GitHub (github.com or Enterprise) are.</summary>
internal static class GitHubApiUrls
{
    /// <summary>The API base with a trailing slash, so relative paths append to it.</summary>
    public static Uri Normalize(Uri apiBaseUrl)
    {
        if (!apiBaseUrl.IsAbsoluteUri)
            throw new ArgumentException($"the GitHub API address must be absolute: {apiBaseUrl}", nameof(apiBaseUrl));
        var text = apiBaseUrl.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>The web address of a commit: github.com for api.github.com, the host without <c>api/v3/</c> for Enterprise.</summary>
    public static string CommitUrl(GitHubRepositoryAccess repository, string sha)
    {
        var api = Normalize(repository.ApiBaseUrl);
        string web;
        if (string.Equals(api.Host, "api.github.com", StringComparison.OrdinalIgnoreCase))
            web = "https://github.com/";
        else
        {
            var path = api.AbsolutePath;
            if (path.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase))
                path = path[..^"api/v3/".Length];
            web = api.GetLeftPart(UriPartial.Authority) + path;
        }
        return $"{web}{Uri.EscapeDataString(repository.Owner)}/{Uri.EscapeDataString(repository.Name)}/commit/{Uri.EscapeDataString(sha)}";
    }
}
