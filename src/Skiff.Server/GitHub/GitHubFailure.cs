using System.Globalization;
using System.Net;
using Octokit;

namespace Skiff.Server.GitHub;

/// <summary>What one failed API call means: retry (after a wait GitHub may have asked for) or give up.</summary>
/// <param name="Description">A one-line reason without tokens, such as <c>502 Bad Gateway</c>.</param>
/// <param name="RetryAfter">The wait GitHub asked for (Retry-After, or until x-ratelimit-reset).</param>
/// <param name="SecondaryRateLimit">A secondary rate limit without Retry-After: wait at least the configured minute.</param>
internal sealed record GitHubFailure(bool Retriable, string Description, TimeSpan? RetryAfter = null, bool SecondaryRateLimit = false, HttpStatusCode? StatusCode = null)
{
    public static GitHubFailure Classify(Exception exception, DateTimeOffset now) => exception switch
    {
        ApiException api => FromAnswer(api, now),
        GitHubCredentialsException { StatusCode: null } credentials => new(true, credentials.Message),
        GitHubCredentialsException { StatusCode: { } status } credentials =>
            new((int)status >= 500 || status == HttpStatusCode.TooManyRequests, credentials.Message, StatusCode: status),
        HttpRequestException or IOException => new(true, OneLine("network error: " + exception.Message)),
        OperationCanceledException or TimeoutException => new(true, "the request timed out"),
        _ => new(false, OneLine($"unexpected {exception.GetType().Name}: {exception.Message}")),
    };

    private static GitHubFailure FromAnswer(ApiException api, DateTimeOffset now)
    {
        var status = api.StatusCode;
        var code = (int)status;
        var message = api.ApiError?.Message ?? api.Message;
        var description = OneLine($"{code} {message}");
        var headers = api.HttpResponse?.Headers;

        if (status is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests)
        {
            if (Header(headers, "x-ratelimit-remaining") == "0" && ResetAt(headers) is { } reset)
                return new(true, $"{description} (primary rate limit, resets {reset:u})", Max(reset - now, TimeSpan.Zero) + TimeSpan.FromSeconds(1), StatusCode: status);
            if (AskedWait(headers, now) is { } wait)
                return new(true, description, wait, StatusCode: status);
            if (api is SecondaryRateLimitExceededException or AbuseException
                || message.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase))
                return new(true, description, SecondaryRateLimit: true, StatusCode: status);
            if (api is RateLimitExceededException limited)
                return new(true, description, Max(limited.Reset - now, TimeSpan.Zero) + TimeSpan.FromSeconds(1), StatusCode: status);
            return new(status == HttpStatusCode.TooManyRequests, description, StatusCode: status);
        }
        if (code >= 500)
            return new(true, description, AskedWait(headers, now), StatusCode: status);
        return new(false, description, StatusCode: status);
    }

    /// <summary>Whitespace collapsed to single spaces, at most 200 characters (an HTML error page stays out of the logs).</summary>
    internal static string OneLine(string text)
    {
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= 200 ? collapsed : collapsed[..199] + "…";
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string? Header(IReadOnlyDictionary<string, string>? headers, string name)
    {
        if (headers is null)
            return null;
        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return value.Trim();
        }
        return null;
    }

    private static DateTimeOffset? ResetAt(IReadOnlyDictionary<string, string>? headers) =>
        long.TryParse(Header(headers, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static TimeSpan? AskedWait(IReadOnlyDictionary<string, string>? headers, DateTimeOffset now)
    {
        var value = Header(headers, "retry-after");
        if (value is null)
            return null;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return Max(at - now, TimeSpan.Zero);
        return null;
    }
}
