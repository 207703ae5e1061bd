using NodaTime;

namespace InvitationKit.Ports;

/// <summary>
/// The outcome of one send, for <see cref="IInvitationOutbox.RecordDeliveriesAsync"/>. It applies only while the invitation
/// is pending and still carries <see cref="SecretHash"/>, the secret that was mailed.
/// </summary>
/// <param name="InvitationId">The invitation.</param>
/// <param name="SecretHash">The hash of the secret the mail carried.</param>
/// <param name="State">Sent or failed.</param>
/// <param name="NextDeliveryAt">When to try again; null when nothing more is due.</param>
/// <threadsafety>This type is immutable.</threadsafety>
public sealed record DeliveryRecord(Guid InvitationId, SecretHash SecretHash, DeliveryState State, Instant? NextDeliveryAt);
