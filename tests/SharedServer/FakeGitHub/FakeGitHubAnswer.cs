using System.Text.Json.Nodes;

namespace Skiff.Tests.Shared;

/// <summary>An answer of the fake: status, JSON body, extra headers, and a Link header made from the request's own URL.</summary>
internal sealed record FakeGitHubAnswer(int Status, JsonNode? Body)
{
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public Func<string, string>? Link { get; init; }

    public static FakeGitHubAnswer Error(int status, string message, string documentation = "https://docs.github.com/rest", JsonArray? errors = null) =>
        new(status, FakeGitHubJson.Error(message, documentation, status, errors));
}
