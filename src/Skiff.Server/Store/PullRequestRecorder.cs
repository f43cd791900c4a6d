using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Skiff.Core.Environments;
using Skiff.Core.PullRequests;

namespace Skiff.Server.Store;

/// <summary>
/// Records a pull request webhook in one short transaction: the delivery (so a redelivery is a
/// duplicate), the desired state of the PR's environment, and an event in its history. The
/// environment is found by repository and number, never by name alone, so a pull request keeps the
/// name it was given and a write for one repository never lands on another's environment; a new
/// pull request gets the first of its candidate names that nobody holds. This is the hot path of
/// webhook ingest, so it is a few plain SQL statements rather than tracked entities; one writer at
/// a time. Only <see cref="Environments.DesiredStateWriter"/> calls it: it is that writer's hot path.
/// </summary>
public sealed class PullRequestRecorder(IDbContextFactory<SkiffDbContext> contexts, TimeProvider time)
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public async Task<TriggerRecording> RecordAsync(PullRequestTrigger trigger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var sql = new Statements(connection, transaction, cancellationToken);

            var inserted = await sql.ExecuteAsync(
                "INSERT INTO Deliveries (Id, ReceivedAt, Event) VALUES ($id, $at, $event) ON CONFLICT(Id) DO NOTHING",
                ("$id", trigger.DeliveryId), ("$at", now), ("$event", $"pull_request.{trigger.Action}"));
            var given = await sql.TextAsync(FindByPullRequest, ("$repository", trigger.Repository), ("$number", trigger.Number));
            if (inserted == 0)
                return new TriggerRecording(TriggerOutcome.Duplicate, given, null);

            var (name, generation) = trigger.Decision.Verdict == PullRequestVerdict.Deploy
                ? await RequestRunningAsync(sql, trigger, given, now)
                : (given, given is null ? null : await sql.ScalarAsync(MarkAbsent,
                    ("$name", given), ("$repository", trigger.Repository), ("$number", trigger.Number),
                    ("$absent", nameof(DesiredState.Absent)), ("$deleting", nameof(EnvironmentPhase.Deleting)), ("$now", now)));

            if (name is null && trigger.Decision.Verdict == PullRequestVerdict.Deploy)
            {
                var names = given is null ? string.Join(", ", trigger.Names) : given;
                var clash = $"pull_request.{trigger.Action} of {trigger.Repository}#{trigger.Number} got no environment: {names} is held by another environment";
                await AddEventAsync(sql, given ?? trigger.Names[0], now, "clash", $"refused {clash}", Actor.GitHub(trigger.DeliveryId).Name);
                await transaction.CommitAsync(cancellationToken);
                return new TriggerRecording(TriggerOutcome.Clash, null, null, clash);
            }
            if (name is not null && generation is not null)
            {
                await AddEventAsync(sql, name, now, "webhook",
                    $"pull_request.{trigger.Action} at {trigger.HeadSha[..Math.Min(7, trigger.HeadSha.Length)]} (delivery {trigger.DeliveryId}): {trigger.Decision.Verdict.ToString().ToLowerInvariant()}, {trigger.Decision.Reason}",
                    Actor.GitHub(trigger.DeliveryId).Name);
            }
            await transaction.CommitAsync(cancellationToken);
            return new TriggerRecording(generation is null ? TriggerOutcome.NothingToDo : TriggerOutcome.Recorded, name, generation);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Updates the pull request's own environment, or creates it under the name it was given before
    /// (a reopened pull request) or the first candidate nobody holds or held; (null, null) when none
    /// is free or the given name is held by something else.
    /// </summary>
    private static async Task<(string? Name, long? Generation)> RequestRunningAsync(Statements sql, PullRequestTrigger trigger, string? given, DateTimeOffset now)
    {
        (string, object?)[] values =
        [
            ("$clone", trigger.CloneUrl), ("$running", nameof(DesiredState.Running)), ("$pending", nameof(EnvironmentPhase.Pending)),
            ("$now", now), ("$repository", trigger.Repository), ("$number", trigger.Number), ("$sha", trigger.HeadSha),
            ("$author", trigger.Author), ("$title", trigger.Title), ("$fork", trigger.FromFork),
        ];
        if (given is not null)
        {
            if (await sql.TextAsync("SELECT Name FROM Environments WHERE Name = $name", ("$name", given)) is null)
                return (given, await sql.ScalarAsync(InsertRunning, [("$name", given), .. values]));
            var generation = await sql.ScalarAsync(UpdateRunning, [("$name", given), .. values]);
            return generation is null ? (null, null) : (given, generation);
        }
        foreach (var candidate in trigger.Names)
        {
            if (await sql.TextAsync(NameHeld, ("$name", candidate)) is not null)
                continue;
            await sql.ExecuteAsync("INSERT INTO PullRequestNames (Name, Repository, PullRequest, GivenAt) VALUES ($name, $repository, $number, $now)",
                ("$name", candidate), ("$repository", trigger.Repository), ("$number", trigger.Number), ("$now", now));
            return (candidate, await sql.ScalarAsync(InsertRunning, [("$name", candidate), .. values]));
        }
        return (null, null);
    }

    private static Task AddEventAsync(Statements sql, string environment, DateTimeOffset at, string kind, string message, string actor) =>
        sql.ExecuteAsync("INSERT INTO Events (EnvironmentName, At, Kind, Message, Actor) VALUES ($name, $at, $kind, $message, $actor)",
            ("$name", environment), ("$at", at), ("$kind", kind), ("$message", message), ("$actor", actor));

    /// <summary>The name given to this pull request, if any. GitHub's repository names are case-insensitive; the index on this pair says the same.</summary>
    private const string FindByPullRequest =
        "SELECT Name FROM PullRequestNames WHERE Repository = $repository COLLATE NOCASE AND PullRequest = $number";

    /// <summary>A name some environment has, or some pull request was given.</summary>
    private const string NameHeld =
        "SELECT Name FROM Environments WHERE Name = $name UNION ALL SELECT Name FROM PullRequestNames WHERE Name = $name LIMIT 1";

    private const string InsertRunning = """
        INSERT INTO Environments (Name, SourceKind, SourcePath, Desired, Phase, Generation, ObservedGeneration, CreatedAt, UpdatedAt,
                                  ServicesJson, WarningsJson, Repository, PullRequest, HeadSha, Author, Title, FromFork, ReservedMemoryBytes)
        VALUES ($name, 'git', $clone, $running, $pending, 1, 0, $now, $now, '[]', '[]', $repository, $number, $sha, $author, $title, $fork, 0)
        RETURNING Generation
        """;

    /// <summary>Only the row of this very pull request changes (name, repository and number all match).</summary>
    private const string UpdateRunning = """
        UPDATE Environments SET
            SourceKind = 'git', SourcePath = $clone, Desired = $running, Phase = $pending, Generation = Generation + 1, UpdatedAt = $now,
            HeadSha = $sha, Author = $author, Title = $title, FromFork = $fork
        WHERE Name = $name AND Repository = $repository COLLATE NOCASE AND PullRequest = $number
        RETURNING Generation
        """;

    /// <summary>Only this pull request's environment, when it is not already going away; otherwise no row, and nothing to do.</summary>
    private const string MarkAbsent = """
        UPDATE Environments SET Desired = $absent, Phase = $deleting, Generation = Generation + 1, UpdatedAt = $now
        WHERE Name = $name AND Repository = $repository COLLATE NOCASE AND PullRequest = $number AND Desired <> $absent
        RETURNING Generation
        """;

    /// <summary>Plain SQL statements inside the recorder's transaction.</summary>
    private sealed class Statements(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
        {
            await using var command = Command(connection, transaction, sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<long?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
        {
            await using var command = Command(connection, transaction, sql, parameters);
            return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : null;
        }

        public async Task<string?> TextAsync(string sql, params (string Name, object? Value)[] parameters)
        {
            await using var command = Command(connection, transaction, sql, parameters);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }

        private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, (string Name, object? Value)[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            return command;
        }
    }
}
