using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Skiff.Cli.Commands;
using Skiff.Cli.Tests.Support;
using Skiff.Core.Costs;
using Skiff.Server.Costs;
using Skiff.Server.Store;
using Skiff.Tests.Shared;
using Skiff.Core.Api;

namespace Skiff.Cli.Tests.Costs;

public sealed class CostCommandTests
{
    private static readonly DateTimeOffset Since = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_table_is_aligned_with_money_to_two_decimals_and_a_total_line()
    {
        var report = new CostReportDto("USD", Since, Since.AddDays(16).AddHours(9.5), "env",
            new PricesDto(0.04048m, 0.004445m, 0.08m, "USD"),
            [
                new CostRowDto("shop-pr-12", 120.5m, 10m, 180.75m, 241m, 12.3m, 30.1m, 0.165m, 8.401245m, 0.6448985m),
                new CostRowDto("demo", 2m, 0m, 0.5m, 1m, 0.01m, 0.2m, 0m, 0.024685m, 0.0012938m),
            ],
            new CostRowDto("total", 122.5m, 10m, 181.25m, 242m, 12.31m, 30.3m, 0.165m, 8.42593m, 0.6461923m));
        var output = new StringWriter();

        CostCommand.Print(output, report);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("cost since 2026-12-01 00:00 UTC until 2026-12-17 09:30 UTC, in USD (vCPU-hour 0.04048, GiB-hour 0.004445, volume GiB-month 0.08)", lines[0]);
        Assert.Equal("ENV         RUNNING h  SUSPENDED h  vCPU-h   GiB-h  VOLUME GiB-mo  RESERVED  USED", lines[1]);
        Assert.Equal("shop-pr-12      120.5         10.0  180.75  241.00          0.165      8.40  0.64", lines[2]);
        Assert.Equal("demo              2.0          0.0    0.50    1.00          0.000      0.02  0.00", lines[3]);
        Assert.StartsWith("----------  ---------", lines[4]);
        Assert.Equal("total           122.5         10.0  181.25  242.00          0.165      8.43  0.65", lines[5]);
        Assert.Equal(6, lines.Count);
    }

    [Fact]
    public void An_empty_period_says_so()
    {
        var empty = new CostRowDto("total", 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var output = new StringWriter();

        CostCommand.Print(output, new CostReportDto("EUR", Since, Since, "author", new PricesDto(1, 1, 1, "EUR"), [], empty));

        Assert.EndsWith("no usage recorded in this period", output.ToString().Trim());
    }

    [Fact]
    public async Task Cost_reads_the_servers_report_as_a_table_or_json_and_reports_bad_arguments()
    {
        await using var server = await TestServer.StartAsync();
        var variables = new Dictionary<string, string?> { ["SKIFF_SERVER"] = server.Address.ToString() };
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1);
        var samples = Enumerable.Range(0, 60).Select(i => UsageRecord.From(new ResourceSample("shop-pr-3", "acme/shop", "alice", "web",
            hourAgo.AddMinutes(i), TimeSpan.FromMinutes(1), true, 1, 2L << 30, 30, 1L << 30, 0)));
        await server.Services.GetRequiredService<UsageStore>().AddAsync([.. samples], CancellationToken.None);

        var table = await CliRun.RunAsync(variables, "cost", "--since", "2h");
        var json = await CliRun.RunAsync(variables, "cost", "--by", "author", "--since", "2h", "--json");
        var badBy = await CliRun.RunAsync(variables, "cost", "--by", "team");
        var future = await CliRun.RunAsync(variables, "cost", "--since", "2999-01-01");

        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains(table.Out.Split('\n'), l => l.StartsWith("shop-pr-3 ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("0.05  0.02", StringComparison.Ordinal));
        Assert.Contains(table.Out.Split('\n'), l => l.StartsWith("total ", StringComparison.Ordinal));
        Assert.True(json.ExitCode == 0, json.Error);
        using (var document = JsonDocument.Parse(json.Out))
        {
            var root = document.RootElement;
            Assert.Equal("USD", root.GetProperty("currency").GetString());
            Assert.Equal("author", root.GetProperty("by").GetString());
            var row = root.GetProperty("rows").EnumerateArray().Single();
            Assert.Equal("alice", row.GetProperty("key").GetString());
            Assert.Equal(1m, row.GetProperty("runningHours").GetDecimal());
            // 1 vCPU + 2 GiB for an hour, Fargate on-demand.
            Assert.Equal(0.04937m, row.GetProperty("reservedCost").GetDecimal());
            Assert.Equal(0.04937m, root.GetProperty("total").GetProperty("reservedCost").GetDecimal());
        }
        Assert.Equal(2, badBy.ExitCode);
        Assert.Contains("team", badBy.Error);
        Assert.Equal(2, future.ExitCode);
        Assert.Equal("skiff: since: 2999-01-01 00:00:00 UTC is in the future", future.Error.Trim());
    }
}
