/// The thing acted on: its kind (the permission's resource part), id, the clinic that holds it and
/// the person it belongs to. Unknown fields are nil, and a scope that needs them then denies.
public struct ResourceRef: Hashable, Sendable, Codable {
    public var kind: String
    public var id: String?
    public var clinicID: String?
    public var ownerID: String?

    public init(kind: String, id: String? = nil, clinicID: String? = nil, ownerID: String? = nil) {
        self.kind = kind
        self.id = id
        self.clinicID = clinicID
        self.ownerID = ownerID
    }
}
