using InvitationKit.Ports;
using Microsoft.Extensions.Logging;

namespace InvitationKit.Diagnostics;

/// <summary>Publishing an event after its change is stored: a failing sink is logged (event 1008), never thrown.</summary>
internal static class EventPublishing
{
    /// <summary>Publishes <paramref name="invitationEvent"/>; a failure of the sink is logged to <paramref name="logger"/>.</summary>
    public static async Task PublishOrLogAsync(this IInvitationEventSink events, InvitationEvent invitationEvent, ILogger logger)
    {
        try
        {
            await events.PublishAsync(invitationEvent, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.EventSinkFailed(logger, exception, invitationEvent.Kind, invitationEvent.AccountId);
        }
    }
}
