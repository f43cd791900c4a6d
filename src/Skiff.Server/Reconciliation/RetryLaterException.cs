namespace Skiff.Server.Reconciliation;

/// <summary>A reconcile failed for a reason that may pass (a fetch that failed): already recorded; the reconciler retries it with backoff.</summary>
public sealed class RetryLaterException(string message, Exception? inner = null) : Exception(message, inner);
