# HUAWEICLOUD_TOKEN holds an IAM user token.
PROJECT_ID=2a473356cca5487f8373be891bffc1cf
JOB_ID=6783cecb-0e5c-4521-a3ea-825f551c1ba9

curl -X POST \
  "https://workspace.cn-north-4.myhuaweicloud.com/v2/$PROJECT_ID/workspace-jobs/$JOB_ID/actions" \
  -H "X-Auth-Token: $HUAWEICLOUD_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"op_type": "retry"}'
