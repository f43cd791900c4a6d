using System.Net;

namespace Skiff.Server.GitHub;

/// <summary>A token could not be had. The message names the app and the answer, never a token or key.</summary>
public sealed class GitHubCredentialsException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>GitHub's answer, when there was one; null for a network failure.</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
