using Skiff.Core.Budgets;
using Skiff.Server.GitHub;
using Skiff.Server.Store;

namespace Skiff.Server.Reconciliation;

/// <summary>
/// Whether an environment that does not serve yet may deploy now: its repository's budget (asked
/// before any work, so a refused environment tried again every pass fetches nothing) and the
/// host's capacity (asked once its spec says what it reserves). One that may not waits in the
/// <see cref="WaitingRoom"/>. An environment already serving is updated without asking.
/// </summary>
public sealed class DeployGate(Budgets.BudgetGuard budgets, DeployAdmission admission, WaitingRoom waiting, Configuration.SkiffServerOptions options)
{
    /// <summary>The repository's budget verdict (for the PR comment), and whether it refuses this environment.</summary>
    public async Task<(BudgetVerdict? Verdict, bool Refused)> BudgetAsync(EnvironmentRecord record, bool serving, CancellationToken cancellationToken)
    {
        var repository = record.Repository is { } name ? options.FindRepository(name) : null;
        var verdict = repository is null ? null : await budgets.EvaluateAsync(repository, record.Author, cancellationToken);
        if (serving || verdict is not { State: BudgetState.Exceeded, Action: BudgetPolicy.Refuse })
            return (verdict, false);
        await waiting.WaitAsync(record, null, DeployAdmission.BudgetReason(verdict.Reason), PullRequestEnvironmentState.NotDeployed,
            $"not deployed: {verdict.Reason}. New environments of this repository wait until next month or until its budget is raised.", cancellationToken);
        return (verdict, true);
    }

    /// <summary>True when the host has no room: the environment now waits (the attempt's history row is dropped).</summary>
    public async Task<bool> NoRoomAsync(EnvironmentRecord record, DeployAttempt attempt, LoadedSpec loaded, bool serving, CancellationToken cancellationToken)
    {
        if (serving || await admission.CheckAsync(record, loaded.ReservedMemoryBytes, cancellationToken) is not { } wait)
            return false;
        await waiting.WaitAsync(record, attempt.DeploymentId, wait, PullRequestEnvironmentState.Queued, null, cancellationToken);
        return true;
    }
}
