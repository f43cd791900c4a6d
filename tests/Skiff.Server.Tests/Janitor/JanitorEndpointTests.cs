using System.Net;
using System.Text.Json;
using Skiff.Core.Api;
using Skiff.Server.Janitor;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.Janitor;

/// <summary>
/// <c>POST /api/v1/janitor</c> on a real server. Only dry runs here: a real pass on a server whose
/// store is empty would take every other test's environments on this engine for orphans.
/// </summary>
public sealed class JanitorEndpointTests
{
    [Fact]
    public async Task A_dry_run_answers_with_the_report()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.Http.PostAsync("api/v1/janitor?dryRun=true", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("dryRun").GetBoolean());
        foreach (var action in json.RootElement.GetProperty("actions").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, action.GetProperty("kind").ValueKind);
            Assert.Equal(JsonValueKind.String, action.GetProperty("environment").ValueKind);
            Assert.Equal(JsonValueKind.String, action.GetProperty("detail").ValueKind);
        }
    }

    [Fact]
    public void The_report_has_the_documented_json_shape()
    {
        var report = new JanitorReport(false, [new JanitorActionReport(JanitorActionKind.ClosedPullRequest, "shop-pr-8", "pull request acme/shop#8 was merged")]);

        var json = JsonSerializer.Serialize(report, SkiffJson.Options);

        Assert.Equal("""{"dryRun":false,"actions":[{"kind":"ClosedPullRequest","environment":"shop-pr-8","detail":"pull request acme/shop#8 was merged","error":null}]}""", json);
        Assert.Equal(report.Actions[0], JsonSerializer.Deserialize<JanitorReport>(json, SkiffJson.Options)!.Actions[0]);
    }

    [Fact]
    public async Task A_bad_dry_run_value_is_refused()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.Http.PostAsync("api/v1/janitor?dryRun=maybe", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("dryRun must be true or false, got 'maybe'", json.RootElement.GetProperty("error").GetString());
    }
}
