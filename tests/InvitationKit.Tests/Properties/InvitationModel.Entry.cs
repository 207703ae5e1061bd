namespace InvitationKit.Tests.Properties;

/// <summary>The model's invitation: one entry per invitation the account ever had.</summary>
internal sealed partial class InvitationModel
{
    private sealed class Entry(string address, InvitationKind kind, Instant issuedAt, Instant expiresAt)
    {
        public string Address { get; } = address;

        public InvitationKind Kind { get; set; } = kind;

        public Instant IssuedAt { get; set; } = issuedAt;

        public Instant ExpiresAt { get; set; } = expiresAt;

        public InvitationStatus Status { get; set; } = InvitationStatus.Pending;

        public int Sends { get; set; } = 1;

        /// <summary>Whether a new invitation was asked for with its link (rule 22).</summary>
        public bool Asked { get; set; }

        /// <summary>Whether its "expires soon" reminder was sent (rule 23).</summary>
        public bool Reminded { get; set; }

        /// <summary>Whether its link was handed to the host and not mailed since (rule 24): never reminded (rule 23).</summary>
        public bool HostDelivered { get; set; }

        /// <summary>The invitation's own lifetime (rule 25); null: the deployment's.</summary>
        public Duration? Lifetime { get; set; }

        /// <summary>Its metadata, return URL and language as stored (rule 25).</summary>
        public StoredOptions Options { get; set; } = StoredOptions.None;
    }
}
