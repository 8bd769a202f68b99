//! The `serde` form of the message types: every type a message holds serializes and reads
//! back (with the `serde` feature, which `cargo test` turns on through the dev-dependency).

use mapi_codec::data::{
    ExtendedRuleActions, FolderId, LongTermId, MessageId, PropertyName, PropertyProblemArray,
    PropertyRow, PropertyRowSet, PropertyTagArray, Restriction, RuleActions, ServerId,
    SortOrderSet, TaggedPropertyValue, TypedPropertyValue, TypedString,
};
use mapi_codec::fxics::idset::{Globset, IdsetReplguid, IdsetReplid, PredecessorChangeList};
use mapi_codec::fxics::stream::FtStream;
use mapi_codec::http::emsmdb;
use mapi_codec::http::stream::ResponseStream;
use mapi_codec::nspi::NspiBody;
use mapi_codec::rop::{RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use mapi_codec::rpc::auxiliary::AuxBlocks;
use mapi_codec::rpc::ext::ExtendedBufferChain;

fn both<T: serde::Serialize + serde::de::DeserializeOwned>() {}

#[test]
fn every_message_type_has_both_halves() {
    both::<TypedPropertyValue<'static>>();
    both::<TaggedPropertyValue<'static>>();
    both::<Restriction<'static>>();
    both::<RuleActions<'static>>();
    both::<ExtendedRuleActions<'static>>();
    both::<PropertyTagArray>();
    both::<PropertyName<'static>>();
    both::<SortOrderSet>();
    both::<PropertyRow<'static>>();
    both::<PropertyRowSet<'static>>();
    both::<PropertyProblemArray>();
    both::<TypedString<'static>>();
    both::<FolderId>();
    both::<MessageId>();
    both::<LongTermId>();
    both::<ServerId<'static>>();
    both::<Globset>();
    both::<IdsetReplid>();
    both::<IdsetReplguid>();
    both::<PredecessorChangeList<'static>>();
    both::<ExtendedBufferChain<'static>>();
    both::<AuxBlocks<'static>>();
    both::<RopRequestBuffer<'static>>();
    both::<RopResponseBuffer<'static>>();
    both::<RopRequest<'static>>();
    both::<RopResponse<'static>>();
    both::<FtStream<'static>>();
    both::<emsmdb::ConnectRequest<'static>>();
    both::<emsmdb::ConnectResponse<'static>>();
    both::<emsmdb::ExecuteRequest<'static>>();
    both::<emsmdb::ExecuteResponse<'static>>();
    both::<emsmdb::DisconnectRequest<'static>>();
    both::<emsmdb::DisconnectResponse<'static>>();
    both::<emsmdb::NotificationWaitRequest<'static>>();
    both::<emsmdb::NotificationWaitResponse<'static>>();
    both::<emsmdb::PingBody>();
    both::<NspiBody<'static>>();
    both::<ResponseStream<'static>>();
}
