# HUAWEICLOUD_TOKEN holds an IAM user token.
PROJECT_ID=2a473356cca5487f8373be891bffc1cf
ENGINE_ID=4a1bc63d-4719-4bd3-b1ad-5ee590b05e87
JOB_ID=18638

curl -X GET \
  "https://cse.cn-north-4.myhuaweicloud.com/v2/$PROJECT_ID/enginemgr/engines/$ENGINE_ID/jobs/$JOB_ID" \
  -H "X-Auth-Token: $HUAWEICLOUD_TOKEN"
