using System.Net;

namespace Skiff.Server.GitHub;

/// <summary>One API call was given up: after a non-retriable answer, or when its retries ran out.</summary>
internal sealed class GitHubDeliveryException(string operation, GitHubFailure failure, Exception innerException)
    : Exception($"{operation}: {failure.Description}", innerException)
{
    public string Operation { get; } = operation;

    public HttpStatusCode? StatusCode { get; } = failure.StatusCode;
}
