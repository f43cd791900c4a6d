using Skiff.Core.Api;
using Skiff.Server.GitHub;
using Skiff.Server.Routing;
using Skiff.Server.Store;
using Skiff.Server.Serving;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// What the reconciler tells a pull request about its environment, in one place: each step of a
/// pass becomes one state on the PR (comment and deployment), with the URL, timings, failure and
/// the money lines where they belong. Environments without a pull request hear nothing.
/// </summary>
public sealed class EnvironmentFeedback(PullRequestFeedbackSink sink, ServerUrls urls, Costs.CostReports costs, Configuration.SkiffServerOptions options, TimeProvider time)
{
    public void Deploying(EnvironmentRecord record) => sink.Report(record, PullRequestEnvironmentState.Deploying);

    public void Failed(EnvironmentRecord record, ErrorDto error, TimingsDto? timings = null) =>
        sink.Report(record, PullRequestEnvironmentState.Failed, timings: timings, error: error);

    /// <summary>Serving: the URL (when it has a public service), the timings, its cost so far this month and the budget when near or over it.</summary>
    public async Task ReadyAsync(EnvironmentRecord record, bool hasPublicService, TimingsDto timings, Core.Budgets.BudgetVerdict? budget, CancellationToken cancellationToken)
    {
        var month = Core.Budgets.MonthWindow.Of(time.GetUtcNow());
        var cost = await costs.ReservedCostAsync(Store.UsageGrouping.Environment, record.Name, month.Start, cancellationToken);
        List<string> lines = [$"Cost so far this month: {cost:0.00} {options.Prices.Currency}."];
        if (budget is { State: not Core.Budgets.BudgetState.Within })
            lines.Add($"Budget: {budget.Reason}.");
        sink.Report(record, PullRequestEnvironmentState.Ready, hasPublicService ? urls.Current.PublicUrl(record.Name) : null, timings, details: lines);
    }

    public void Suspended(EnvironmentRecord record) =>
        sink.Report(record, PullRequestEnvironmentState.Ready, urls.Current.PublicUrl(record.Name),
            details: ["Suspended (no requests for a while): it wakes when someone opens the URL."]);

    /// <summary>Waiting for room on the host (<paramref name="place"/> says where in the queue), or held back by its budget (a note).</summary>
    public void Waiting(EnvironmentRecord record, PullRequestEnvironmentState state, string? note, string? place) =>
        sink.Report(record, state, note: note, details: place is null ? null : [place]);

    public void Removed(EnvironmentRecord record) => sink.Report(record, PullRequestEnvironmentState.Removed, note: record.RemovalReason);
}
