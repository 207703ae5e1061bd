using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace InvitationKit.LoadTest;

/// <summary>
/// Drives both instances over loopback: <see cref="LoadSettings.Concurrency"/> workers, each sending one request at a
/// time to a random instance — an invite of 1 to <see cref="LoadSettings.MaxBatch"/> new addresses as the owner or an
/// admin of a random account, or an accept of a mailed invitation as its invitee, on the instance that did not send
/// it. The link secret is read from the sending instance's recorded mail (its test hook, not timed). Latencies are
/// of whole requests, response body included, from the client's side.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IReadOnlyList<Uri> _instances;
    private readonly LoadSettings _settings;
    private readonly HttpClient _http;
    private readonly ConcurrentQueue<(LoadResult.Acknowledged Invitation, int Instance, string Secret)> _mailed = new();
    private int _recipients;

    /// <summary>A generator for <paramref name="instances"/> (their base addresses).</summary>
    public LoadGenerator(IReadOnlyList<Uri> instances, LoadSettings settings)
    {
        (_instances, _settings) = (instances, settings);
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>How many instances the generator drives.</summary>
    public int Instances => _instances.Count;

    /// <summary>Runs the load for <paramref name="duration"/>, or until <paramref name="maxRequests"/> were sent.</summary>
    public async Task<LoadResult> RunAsync(TimeSpan duration, int? maxRequests = null)
    {
        var result = new LoadResult();
        var (start, budget, sent) = (Stopwatch.GetTimestamp(), maxRequests ?? int.MaxValue, 0);
        await Task.WhenAll(Enumerable.Range(0, _settings.Concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(worker, start));
            while (Stopwatch.GetElapsedTime(start) < duration && Interlocked.Increment(ref sent) <= budget)
            {
                if (random.NextDouble() < _settings.AcceptShare && _mailed.TryDequeue(out var mailed))
                {
                    await AcceptAsync(mailed.Invitation, (mailed.Instance + 1) % _instances.Count, mailed.Secret, result);
                }
                else
                {
                    await InviteAsync(random, result);
                }
            }
        })));
        result.Elapsed = Stopwatch.GetElapsedTime(start);
        return result;
    }

    /// <summary>Every mail the instances recorded (their test hook).</summary>
    public async Task<IReadOnlyList<MailRecord>> RecordedMailAsync()
    {
        var all = new List<MailRecord>();
        foreach (var instance in _instances)
        {
            all.AddRange(await _http.GetFromJsonAsync<MailRecord[]>(new Uri(instance, "/load/mail"), Json) ?? []);
        }

        return all;
    }

    /// <summary>An account's seat usage as an instance answers it to the account's owner.</summary>
    public async Task<(int Limit, int Occupied)> SeatsAsync(int instance, int account)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_instances[instance], $"/api/accounts/{_settings.AccountId(account)}/seats"));
        request.Headers.Add(HeaderAuthenticationHandler.Header, LoadSettings.OwnerId(account));
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var seats = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (seats.RootElement.GetProperty("limit").GetInt32(), seats.RootElement.GetProperty("occupied").GetInt32());
    }

    public void Dispose() => _http.Dispose();

    private async Task InviteAsync(Random random, LoadResult result)
    {
        var account = random.Next(_settings.Accounts);
        var admin = random.Next(_settings.AdminsPerAccount + 1);
        var actor = admin == 0 ? LoadSettings.OwnerId(account) : LoadSettings.AdminId(account, admin - 1);
        var emails = Enumerable.Range(0, random.Next(1, _settings.MaxBatch + 1))
            .Select(_ => string.Create(CultureInfo.InvariantCulture, $"r{Interlocked.Increment(ref _recipients)}@{LoadUsers.Domain}")).ToArray();
        var instance = random.Next(_instances.Count);
        var accountId = _settings.AccountId(account);
        var body = new { productId = "cloud", recipients = emails.Select(e => new { email = e, roles = new[] { "VIEWER" } }) };
        var (status, answer, milliseconds) = await SendAsync(instance, $"/api/accounts/{accountId}/invitations", actor, body);
        using var disposeAnswer = answer;
        Count(result, "invite", status, answer);
        if (status != 200)
        {
            return;
        }

        result.InviteLatencies.Add(milliseconds);
        foreach (var invitation in answer!.RootElement.GetProperty("invitations").EnumerateArray())
        {
            var acknowledged = new LoadResult.Acknowledged(invitation.GetProperty("id").GetGuid(), accountId, invitation.GetProperty("email").GetString()!);
            result.Invitations.Add(acknowledged);
            if (invitation.GetProperty("delivery").GetString() == "Sent"
                && await _http.GetFromJsonAsync<MailRecord>(new Uri(_instances[instance], $"/load/mail/{acknowledged.Id}"), Json) is { } mail)
            {
                _mailed.Enqueue((acknowledged, instance, mail.Secret));
            }
        }
    }

    private async Task AcceptAsync(LoadResult.Acknowledged invitation, int instance, string secret, LoadResult result)
    {
        var invitee = LoadUsers.IdOf(invitation.Email[..invitation.Email.IndexOf('@', StringComparison.Ordinal)]);
        var (status, answer, milliseconds) = await SendAsync(instance, "/api/invitee/accept", invitee, new { secret });
        using var disposeAnswer = answer;
        Count(result, "accept", status, answer);
        if (status == 200)
        {
            result.AcceptLatencies.Add(milliseconds);
            result.Acceptances.Add(new LoadResult.Accepted(invitation.Id, invitation.AccountId, invitee));
        }
    }

    /// <summary>Sends one JSON POST as <paramref name="userId"/>; the status is 0 when no answer came.</summary>
    private async Task<(int Status, JsonDocument? Answer, double Milliseconds)> SendAsync(int instance, string path, string userId, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_instances[instance], path)) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add(HeaderAuthenticationHandler.Header, userId);
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request);
            var content = await response.Content.ReadAsStringAsync();
            var milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            JsonDocument? answer = null;
            try
            {
                answer = content.Length > 0 ? JsonDocument.Parse(content) : null;
            }
            catch (JsonException)
            {
                // Not JSON (an error page): counted by its status alone.
            }

            return ((int)response.StatusCode, answer, milliseconds);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
        {
            return (0, null, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private static void Count(LoadResult result, string operation, int status, JsonDocument? answer)
    {
        var code = status is not (200 or 0) && answer?.RootElement.ValueKind == JsonValueKind.Object && answer.RootElement.TryGetProperty("code", out var problem)
            ? " " + problem.GetString()
            : string.Empty;
        result.Answers.AddOrUpdate(string.Create(CultureInfo.InvariantCulture, $"{operation} {(status == 0 ? "no answer" : status)}{code}"), 1, (_, n) => n + 1);
    }
}
